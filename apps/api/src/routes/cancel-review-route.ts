import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import { Type } from 'typebox';
import { requiresScope } from '../auth/requires-scope.js';
import { cancelReview } from '../reviews/cancel-review.js';
import { ProblemRef } from '../schemas/problem-schema.js';
import { ReviewIdParamsSchema } from '../schemas/review-schemas.js';

/** What `POST /reviews/{id}/cancel` needs. */
export interface CancelReviewRouteOptions {
  temporal: Client;
}

/** `POST /reviews/{id}/cancel`: asks a running review to cancel; it ends as `cancelled`. */
export const cancelReviewRoute: FastifyPluginAsyncTypebox<CancelReviewRouteOptions> = async (app, { temporal }) => {
  app.post(
    '/reviews/:id/cancel',
    {
      // Takes no body; clients that send `{}` anyway still fit.
      bodyLimit: 1024,
      schema: {
        operationId: 'cancelReview',
        tags: ['reviews'],
        summary: 'Cancel a running review',
        security: requiresScope('reviews:write'),
        params: ReviewIdParamsSchema,
        response: {
          202: Type.Object({ id: Type.String(), cancelRequested: Type.Boolean() }),
          401: ProblemRef,
          403: ProblemRef,
          404: ProblemRef,
          409: ProblemRef,
        },
      },
    },
    async (request, reply) => {
      await cancelReview(temporal, request.params.id);
      request.log.info('cancellation requested');
      return reply.code(202).send({ id: request.params.id, cancelRequested: true });
    },
  );
};
