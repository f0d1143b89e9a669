import fp from 'fastify-plugin';

/**
 * Puts `reviewId` and `workflowId` on every log line of a request about one review
 * (`/reviews/:id` and below), next to the request id, so a review's API lines can be found by the
 * same ids as its worker lines. A review's id is its workflow id. POST /reviews, which learns the
 * id only once it started the review, logs both ids itself.
 */
export const reviewLogContext = fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      if (!request.routeOptions.url?.startsWith('/reviews/:id')) return;
      const id = (request.params as { id?: unknown }).id;
      if (typeof id !== 'string') return;
      request.log = request.log.child({ reviewId: id, workflowId: id });
      // Fastify logs "request completed" through the reply's logger.
      reply.log = request.log;
    });
  },
  { name: 'reviewflow-review-log-context', fastify: '5.x' },
);
