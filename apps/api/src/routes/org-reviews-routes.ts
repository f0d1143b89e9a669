import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { orgReviewWorkflowId } from '@reviewflow/contract';
import type { Client } from '@temporalio/client';
import { Type } from 'typebox';
import { loadOrgReview } from '../reviews/load-org-review.js';
import { startOrgReview } from '../reviews/start-org-review.js';
import { OrgParamsSchema, OrgReviewSchema, StartOrgReviewBodySchema } from '../schemas/org-review-schemas.js';
import { WorkflowIdSegmentSchema } from '../schemas/review-schemas.js';
import { requiresScope } from '../auth/requires-scope.js';
import { awaitReplayedTarget } from '../idempotency/await-replayed-target.js';
import { IdempotencyKeyHeadersSchema } from '../idempotency/idempotency-key-header.js';
import { startRouteWorkflow } from '../idempotency/start-route-workflow.js';
import { ProblemRef } from '../schemas/problem-schema.js';

/** What the organisation-run routes need. */
export interface OrgReviewsRoutesOptions {
  temporal: Client;
  queryTimeoutMs: number;
}

/**
 * Organisation runs: one review per repository as child workflows on the tier's task queue, with
 * aggregate progress. Individual reviews are ordinary reviews (`GET /reviews/{id}`).
 */
export const orgReviewsRoutes: FastifyPluginAsyncTypebox<OrgReviewsRoutesOptions> = async (app, options) => {
  const { temporal, queryTimeoutMs } = options;

  app.post(
    '/orgs/:org/reviews',
    {
      // Up to 5000 repositories of ~800 bytes each (path, base, head); the global 1 MiB is too small.
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        operationId: 'startOrgReview',
        tags: ['organisations'],
        summary: 'Review many repositories of an organisation (idempotent for the same list)',
        security: requiresScope('reviews:write'),
        params: OrgParamsSchema,
        headers: IdempotencyKeyHeadersSchema,
        body: StartOrgReviewBodySchema,
        response: {
          200: { ...OrgReviewSchema, description: 'This run already exists' },
          202: { ...OrgReviewSchema, description: 'A new run was started' },
          400: ProblemRef,
          401: ProblemRef,
          403: ProblemRef,
          409: ProblemRef,
          422: ProblemRef,
        },
      },
    },
    async (request, reply) => {
      const { tier, repositories, maxParallelReviews } = request.body;
      const input = {
        org: request.params.org,
        tier,
        // Revisions stay symbolic here: each review resolves its own, and a repository that is
        // missing fails its review without failing the run.
        repositories: repositories.map((r) => ({
          kind: 'git' as const,
          path: r.path,
          base: r.base,
          head: r.head ?? 'HEAD',
        })),
        ...(maxParallelReviews !== undefined ? { maxParallelReviews } : {}),
      };
      const begin = async () => {
        const { id, created } = await startOrgReview(temporal, input);
        request.log.info({ workflowId: id, created, repositories: repositories.length }, 'organisation run');
        return { id, created };
      };
      const outcome = await startRouteWorkflow(temporal, request, 'POST /orgs/:org/reviews', {
        // The org is part of the request too: the same body for another org is another request.
        target: async () => orgReviewWorkflowId(input.org, input.tier, input.repositories),
        start: begin,
      });
      const id = outcome.targetId;
      const load = () => loadOrgReview(temporal, request.params.org, id, queryTimeoutMs);
      const view = outcome.replayed ? await awaitReplayedTarget(load) : await load();
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      return reply
        .code(outcome.status)
        .header('location', `/orgs/${request.params.org}/reviews/${encodeURIComponent(id)}`)
        .send(view);
    },
  );

  app.get(
    '/orgs/:org/reviews/:id',
    {
      schema: {
        operationId: 'getOrgReview',
        tags: ['organisations'],
        summary: 'Aggregate progress of an organisation run: completed, failed, running, pending',
        security: requiresScope('reviews:read'),
        params: Type.Object({
          ...OrgParamsSchema.properties,
          id: WorkflowIdSegmentSchema('Organisation review id as returned by POST /orgs/{org}/reviews'),
        }),
        response: { 200: OrgReviewSchema, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef },
      },
    },
    async (request) => loadOrgReview(temporal, request.params.org, request.params.id, queryTimeoutMs),
  );
};
