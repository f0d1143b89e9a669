import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { reviewWorkflowId, type GitHubSource, type ReviewSource, type GitSource } from '@reviewflow/contract';
import { Type } from 'typebox';
import { cancelReview } from '../reviews/cancel-review.js';
import { decideApproval } from '../reviews/decide-approval.js';
import { listReviews } from '../reviews/list-reviews.js';
import { loadReview, queuedReview } from '../reviews/load-review.js';
import { startReview } from '../reviews/start-review.js';
import { approvalLinkFor } from '../approval-links/approval-link-for.js';
import type { ApprovalLinkSettings } from '../approval-links/approval-link-settings.js';
import type { Caller } from '../auth/caller.js';
import { requiresScope } from '../auth/requires-scope.js';
import { grants } from '../auth/scopes.js';
import { awaitReplayedTarget } from '../idempotency/await-replayed-target.js';
import { IdempotencyKeyHeadersSchema } from '../idempotency/idempotency-key-header.js';
import { startRouteWorkflow } from '../idempotency/start-route-workflow.js';
import { ProblemRef } from '../schemas/problem-schema.js';
import {
  ApprovalStateSchema,
  ReviewIdParamsSchema,
  ReviewStatusSchema,
  ReviewSummarySchema,
  StartReviewBodySchema,
} from '../schemas/review-schemas.js';
import type { GitSourceRequest } from '../sources/resolve-git-source.js';
import type { GitHubSourceRequest } from '../sources/resolve-github-source.js';
import type { Client } from '@temporalio/client';
import type { ApiMetrics } from '../plugins/http-metrics.js';

/** What the reviews routes need. */
export interface ReviewsRoutesOptions {
  temporal: Client;
  namespace: string;
  resolveGitSource: (request: GitSourceRequest) => Promise<GitSource>;
  /** Resolves a pull request's head when the request leaves it out. */
  resolveGitHubSource: (request: GitHubSourceRequest) => Promise<GitHubSource>;
  queryTimeoutMs: number;
  metrics: ApiMetrics;
  /** Signs the approval links listed for waiting reviews. */
  approvalLinks?: ApprovalLinkSettings;
}

const canApprove = (caller: Caller | undefined): boolean =>
  caller !== undefined && grants(caller.scopes, 'approvals:write');

const ReviewRef = Type.Ref('Review');

// OpenAPI links from a started review to the operations on it, by the id in its body.
const reviewLinks = Object.fromEntries(
  ['getReview', 'decideApproval', 'cancelReview', 'watchReview'].map((operationId) => [
    operationId,
    { operationId, parameters: { id: '$response.body#/id' } },
  ]),
);

/** The reviews resource: start, read, list, approve and cancel reviews. */
export const reviewsRoutes: FastifyPluginAsyncTypebox<ReviewsRoutesOptions> = async (app, options) => {
  const { temporal, namespace, queryTimeoutMs } = options;

  app.post(
    '/reviews',
    {
      // Room for a source and 2 x 100 globs of 500 ASCII characters; a request past that is no review.
      bodyLimit: 256 * 1024,
      schema: {
        operationId: 'startReview',
        tags: ['reviews'],
        summary: 'Start a review (idempotent: the same source and commits give the same review)',
        security: requiresScope('reviews:write'),
        headers: IdempotencyKeyHeadersSchema,
        body: StartReviewBodySchema,
        response: {
          200: { ...ReviewRef, description: 'The review of this source already exists' },
          202: { ...ReviewRef, description: 'A new review was started' },
          400: ProblemRef,
          401: ProblemRef,
          403: ProblemRef,
          409: ProblemRef,
          422: ProblemRef,
          503: {
            ...ProblemRef,
            description:
              'GitHub did not tell the head of the pull request (send headSha to need no answer), or the server is overloaded, past the request deadline or shutting down; see Retry-After',
          },
        },
        // Where a started review leads (schemathesis and generated clients follow these).
        'x-response-links': { 200: reviewLinks, 202: reviewLinks },
      },
    },
    async (request, reply) => {
      let resolved: ReviewSource | undefined;
      const resolve = async () =>
        (resolved ??= await (request.body.source.kind === 'github'
          ? options.resolveGitHubSource(request.body.source)
          : options.resolveGitSource(request.body.source)));
      let startedAt = new Date();
      const begin = async () => {
        const source = await resolve();
        startedAt = new Date();
        const { id, created } = await startReview(temporal, source, request.body);
        options.metrics.reviewsStarted.inc({ source_kind: source.kind, outcome: created ? 'created' : 'existing' });
        request.log.info({ reviewId: id, workflowId: id, created }, created ? 'review started' : 'review exists');
        return { id, created };
      };
      const outcome = await startRouteWorkflow(temporal, request, 'POST /reviews', {
        target: async () => reviewWorkflowId(await resolve()),
        start: begin,
      });
      const id = outcome.targetId;
      const load = () => loadReview(temporal, id, { queryTimeoutMs });
      const review = outcome.replayed
        ? await awaitReplayedTarget(load)
        : outcome.status === 202 && resolved
          ? queuedReview(id, resolved, startedAt)
          : await load();
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .code(outcome.status)
        .header('location', `/reviews/${encodeURIComponent(id)}`)
        .send(review);
    },
  );

  app.get(
    '/reviews',
    {
      schema: {
        operationId: 'listReviews',
        tags: ['reviews'],
        summary: 'List reviews, newest first',
        security: requiresScope('reviews:read'),
        querystring: Type.Object(
          {
            status: Type.Optional(ReviewStatusSchema),
            repository: Type.Optional(
              // No quotes or backslashes (they would end the visibility query's literal) and no
              // control characters (Temporal's visibility store stalls on a NUL instead of refusing it).
              Type.String({
                minLength: 1,
                maxLength: 4096,
                pattern: '^[^\'"\\\\\\u0000-\\u001F\\u007F]*$',
                description: 'Exact repository',
              }),
            ),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
            pageToken: Type.Optional(
              Type.String({
                minLength: 24,
                maxLength: 4096,
                pattern: '^[A-Za-z0-9_-]+$',
                description: 'nextPageToken of the previous page, with the same status and repository',
              }),
            ),
          },
          { additionalProperties: false },
        ),
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

  app.post(
    '/reviews/:id/approval',
    {
      // A decision and a reason of 2000 characters, each \u-escaped (12 KB), fit.
      bodyLimit: 16 * 1024,
      schema: {
        operationId: 'decideApproval',
        tags: ['reviews'],
        summary: 'Approve or reject a review that has an approval gate',
        description:
          'A decision sent before the review reaches its gate is kept and applied there. Reject ends the review as `rejected`.',
        security: requiresScope('approvals:write'),
        params: ReviewIdParamsSchema,
        body: Type.Object(
          {
            decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
            reason: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ id: Type.String(), approval: ApprovalStateSchema }),
          400: ProblemRef,
          401: ProblemRef,
          403: ProblemRef,
          404: ProblemRef,
          409: ProblemRef,
        },
      },
    },
    async (request) => {
      const { decision, reason } = request.body;
      const approval = await decideApproval(temporal, request.params.id, {
        decision,
        ...(reason !== undefined ? { reason } : {}),
        // The audit trail names the key that decided (its name, never the key).
        ...(request.caller ? { approver: `api-key:${request.caller.name}` } : {}),
      });
      options.metrics.approvals.inc({ decision });
      // The review and workflow ids are on the request's logger (plugins/review-log-context.ts).
      request.log.info({ decision }, 'approval recorded');
      return { id: request.params.id, approval };
    },
  );

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
