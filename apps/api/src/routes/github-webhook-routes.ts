import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { reviewWorkflowId, type GitHubSource } from '@reviewflow/contract';
import type { Client } from '@temporalio/client';
import { Type } from 'typebox';
import { HttpProblem, ProblemType } from '../http-problem.js';
import type { ApiMetrics } from '../metrics/create-api-metrics.js';
import { startReview } from '../reviews/start-review.js';
import { ProblemRef } from '../schemas/problem-schema.js';
import { cancelSupersededReviews } from '../webhooks/cancel-superseded-reviews.js';
import { readPullRequestDelivery, type PullRequestAction } from '../webhooks/read-pull-request-delivery.js';
import { verifyGitHubSignature } from '../webhooks/verify-github-signature.js';

/** What the GitHub webhook route needs. */
export interface GitHubWebhookRoutesOptions {
  temporal: Client;
  /** The webhook secret configured on GitHub; deliveries not signed with it are refused. */
  secret: string;
  /** Review draft pull requests too (default: wait for ready_for_review). */
  reviewDrafts: boolean;
  metrics?: ApiMetrics;
}

const reviewedActions: ReadonlySet<string> = new Set<PullRequestAction>([
  'opened',
  'reopened',
  'synchronize',
  'ready_for_review',
]);

const WebhookResultSchema = Type.Object({
  delivery: Type.String({ description: 'X-GitHub-Delivery of the request' }),
  event: Type.String(),
  result: Type.Enum(['pong', 'ignored', 'started', 'existing', 'cancelled'], {
    description:
      '`started`: a new review; `existing`: this head was already reviewed or is being reviewed (a redelivery); `cancelled`: a closed pull request',
  }),
  reason: Type.Optional(Type.String({ description: 'Why an event was ignored' })),
  reviewId: Type.Optional(Type.String()),
  cancelled: Type.Optional(Type.Array(Type.String(), { description: 'Reviews of older heads that were cancelled' })),
});

/**
 * `POST /webhooks/github`: GitHub's deliveries, authenticated by their HMAC signature instead of an
 * API key. Pull requests opened, reopened, pushed to or marked ready start a review of their head
 * (with the same idempotent id as `POST /reviews`); a new head cancels the review of the old one.
 * A redelivery carries the same head, so it finds the existing review (or the ended one: webhook
 * starts never reuse an id) and starts nothing.
 */
export const githubWebhookRoutes: FastifyPluginAsyncTypebox<GitHubWebhookRoutesOptions> = async (app, options) => {
  // The signature covers the bytes as sent, so this route keeps the raw body; the parsers are
  // scoped to this plugin and leave every other route's JSON parsing alone.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/x-www-form-urlencoded'],
    { parseAs: 'buffer' },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/webhooks/github',
    {
      // GitHub caps deliveries at 25 MB, but a pull_request payload is tens of KB (its body text is
      // at most 65 536 characters). The big ones are push events with thousands of commits, which
      // this route ignores anyway; a 413 for them costs nothing, buffering 25 MB per request would.
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        operationId: 'receiveGitHubWebhook',
        tags: ['webhooks'],
        summary: 'Receive a GitHub webhook delivery (pull_request events start reviews)',
        description:
          'Authenticated by `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the webhook secret), not by an API key. ' +
          'Content type `application/json` or `application/x-www-form-urlencoded` (`payload=`). `ping` answers 200; ' +
          '`pull_request` opened, reopened, synchronize and ready_for_review start a review of the head (drafts only when configured); ' +
          'closed cancels running reviews of the pull request; every other event is acknowledged and ignored.',
        headers: Type.Object({
          'x-github-event': Type.Optional(Type.String({ maxLength: 100 })),
          'x-github-delivery': Type.Optional(Type.String({ maxLength: 100 })),
          'x-hub-signature-256': Type.Optional(Type.String({ maxLength: 100 })),
        }),
        response: {
          200: { ...WebhookResultSchema, description: 'Acknowledged: ping, ignored event, or nothing new' },
          202: { ...WebhookResultSchema, description: 'A review was started' },
          400: ProblemRef,
          401: ProblemRef,
          415: ProblemRef,
        },
      },
    },
    async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (!(await verifyGitHubSignature(options.secret, raw, request.headers['x-hub-signature-256']))) {
        throw new HttpProblem(
          401,
          ProblemType.webhookSignatureInvalid,
          'Invalid webhook signature',
          'X-Hub-Signature-256 is missing or does not match the body and the configured secret',
        );
      }
      const event = request.headers['x-github-event'] ?? '';
      const delivery = request.headers['x-github-delivery'] ?? '';
      const log = request.log.child({ delivery, event });
      const answer = { delivery, event };
      if (event === 'ping') return { ...answer, result: 'pong' as const };
      if (event !== 'pull_request')
        return { ...answer, result: 'ignored' as const, reason: `event ${event} is not handled` };

      const pullRequest = readPullRequestDelivery(raw, String(request.headers['content-type'] ?? ''));
      const { action, before } = pullRequest;
      const source: GitHubSource = {
        kind: 'github',
        owner: pullRequest.repository.owner.login,
        repo: pullRequest.repository.name,
        pullNumber: pullRequest.pull_request.number,
        headSha: pullRequest.pull_request.head.sha,
      };
      if (action === 'closed') {
        const cancelled = await cancelSupersededReviews(options.temporal, source, '');
        log.info({ cancelled }, 'pull request closed');
        return { ...answer, result: 'cancelled' as const, cancelled };
      }
      if (!reviewedActions.has(action)) return { ...answer, result: 'ignored' as const, reason: `action ${action}` };
      if (pullRequest.pull_request.draft === true && !options.reviewDrafts) {
        return { ...answer, result: 'ignored' as const, reason: 'draft pull request' };
      }

      const { id, created } = await startReview(options.temporal, source, {}, { reuse: 'never' });
      options.metrics?.reviewsStarted.inc({ source_kind: 'github', outcome: created ? 'created' : 'existing' });
      if (!created) {
        log.info({ reviewId: id, workflowId: id }, 'redelivery or repeated event: review exists');
        return { ...answer, result: 'existing' as const, reviewId: id };
      }
      // Only a delivery that started a review may cancel others: a late redelivery of an old
      // push must never cancel the review of the newer head.
      const cancelled = await cancelSupersededReviews(
        options.temporal,
        source,
        id,
        before ? reviewWorkflowId({ ...source, headSha: before }) : undefined,
      );
      log.info({ reviewId: id, workflowId: id, cancelled }, 'review started from webhook');
      return reply.code(202).send({ ...answer, result: 'started' as const, reviewId: id, cancelled });
    },
  );
};
