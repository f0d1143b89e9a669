import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { reviewWorkflowId, type GitHubSource, type GitSource, type ReviewSource } from '@reviewflow/contract';
import type { Client } from '@temporalio/client';
import { Type } from 'typebox';
import { awaitReplayedTarget } from '../idempotency/await-replayed-target.js';
import { IdempotencyKeyHeadersSchema } from '../idempotency/idempotency-key-header.js';
import { startRouteWorkflow } from '../idempotency/start-route-workflow.js';
import { requiresScope } from '../auth/requires-scope.js';
import type { ApiMetrics } from '../metrics/create-api-metrics.js';
import { loadReview, queuedReview } from '../reviews/load-review.js';
import { startReview } from '../reviews/start-review.js';
import { ProblemRef } from '../schemas/problem-schema.js';
import { StartReviewBodySchema } from '../schemas/start-review-body-schema.js';
import type { GitSourceRequest } from '../sources/resolve-git-source.js';
import type { GitHubSourceRequest } from '../sources/resolve-github-source.js';

/** What `POST /reviews` needs. */
export interface StartReviewRouteOptions {
  temporal: Client;
  resolveGitSource: (request: GitSourceRequest) => Promise<GitSource>;
  /** Resolves a pull request's head when the request leaves it out. */
  resolveGitHubSource: (request: GitHubSourceRequest) => Promise<GitHubSource>;
  queryTimeoutMs: number;
  metrics: ApiMetrics;
}

const ReviewRef = Type.Ref('Review');

// OpenAPI links from a started review to the operations on it, by the id in its body.
const reviewLinks = Object.fromEntries(
  ['getReview', 'decideApproval', 'cancelReview', 'watchReview'].map((operationId) => [
    operationId,
    { operationId, parameters: { id: '$response.body#/id' } },
  ]),
);

/**
 * `POST /reviews`: starts a review, idempotently: the same source and commits give the same
 * review, and an `Idempotency-Key` replays the first answer.
 */
export const startReviewRoute: FastifyPluginAsyncTypebox<StartReviewRouteOptions> = async (app, options) => {
  const { temporal, queryTimeoutMs } = options;

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
};
