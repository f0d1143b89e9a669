import fp from 'fastify-plugin';
import { HttpProblem, ProblemType } from '../http-problem.js';

/**
 * While the server shuts down, a request that arrives on an open keep-alive connection gets a 503
 * problem with `Retry-After` and `Connection: close`, so the client retries it on another replica.
 * It replaces Fastify's own answer (`return503OnClosing`, off in app.ts), which is plain JSON and
 * would be the one non-problem error of the API.
 */
export const closingProblem = fp(
  async (app) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (_request, reply) => {
      if (!closing) return;
      reply.header('connection', 'close').header('retry-after', '1');
      throw new HttpProblem(503, ProblemType.shuttingDown, 'Shutting down', 'This server is shutting down; retry');
    });
  },
  { name: 'reviewflow-closing-problem', fastify: '5.x' },
);
