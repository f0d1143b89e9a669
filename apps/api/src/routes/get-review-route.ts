import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import { Type } from 'typebox';
import { approvalLinkFor } from '../approval-links/approval-link-for.js';
import type { ApprovalLinkSettings } from '../approval-links/approval-link-settings.js';
import type { Caller } from '../auth/caller.js';
import { requiresScope } from '../auth/requires-scope.js';
import { grants } from '../auth/scopes.js';
import { loadReview } from '../reviews/load-review.js';
import { ProblemRef } from '../schemas/problem-schema.js';
import { ReviewIdParamsSchema } from '../schemas/review-schemas.js';

/** What `GET /reviews/{id}` needs. */
export interface GetReviewRouteOptions {
  temporal: Client;
  queryTimeoutMs: number;
  /** Signs the approval links listed for waiting reviews. */
  approvalLinks?: ApprovalLinkSettings;
}

const canApprove = (caller: Caller | undefined): boolean =>
  caller !== undefined && grants(caller.scopes, 'approvals:write');

const ReviewRef = Type.Ref('Review');

/**
 * `GET /reviews/{id}`: the status, progress and findings of one review, with an approval link
 * while it waits for a decision the caller may make.
 */
export const getReviewRoute: FastifyPluginAsyncTypebox<GetReviewRouteOptions> = async (app, options) => {
  const { temporal, queryTimeoutMs } = options;

  app.get(
    '/reviews/:id',
    {
      schema: {
        operationId: 'getReview',
        tags: ['reviews'],
        summary: 'Status, progress and findings of a review',
        security: requiresScope('reviews:read'),
        params: ReviewIdParamsSchema,
        response: { 200: ReviewRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef },
      },
    },
    async (request) => {
      const review = await loadReview(temporal, request.params.id, { queryTimeoutMs });
      const deadline = review.approval?.deadline;
      // Links are credentials: only callers who may decide themselves get to see (and hand out) them.
      if (options.approvalLinks && review.approval?.state === 'waiting' && deadline && canApprove(request.caller)) {
        review.approvalLinks = [approvalLinkFor(options.approvalLinks, review.id, deadline)];
      }
      return review;
    },
  );
};
