import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import { Type } from 'typebox';
import { requiresScope } from '../auth/requires-scope.js';
import { listReviews } from '../reviews/list-reviews.js';
import { ListReviewsQuerySchema } from '../schemas/list-reviews-query-schema.js';
import { ProblemRef } from '../schemas/problem-schema.js';
import { ReviewSummarySchema } from '../schemas/review-schemas.js';

/** What `GET /reviews` needs. */
export interface ListReviewsRouteOptions {
  temporal: Client;
  /** The Temporal namespace whose visibility store lists the reviews. */
  namespace: string;
}

/** `GET /reviews`: one page of reviews, newest first, filtered by status and repository. */
export const listReviewsRoute: FastifyPluginAsyncTypebox<ListReviewsRouteOptions> = async (app, options) => {
  const { temporal, namespace } = options;

  app.get(
    '/reviews',
    {
      schema: {
        operationId: 'listReviews',
        tags: ['reviews'],
        summary: 'List reviews, newest first',
        security: requiresScope('reviews:read'),
        querystring: ListReviewsQuerySchema,
        response: {
          200: Type.Object({ reviews: Type.Array(ReviewSummarySchema), nextPageToken: Type.Optional(Type.String()) }),
          400: ProblemRef,
          401: ProblemRef,
          403: ProblemRef,
        },
      },
    },
    async (request) => {
      const { status, repository, pageToken } = request.query;
      return listReviews(temporal, namespace, {
        pageSize: request.query.pageSize ?? 20,
        ...(status ? { status } : {}),
        ...(repository !== undefined ? { repository } : {}),
        ...(pageToken !== undefined ? { pageToken } : {}),
      });
    },
  );
};
