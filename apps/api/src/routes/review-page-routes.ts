import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import { Type } from 'typebox';
import { requiresScope } from '../auth/requires-scope.js';
import { readCodeContext } from '../pages/read-code-context.js';
import { renderReviewPage } from '../pages/render-review-page.js';
import { loadReview } from '../reviews/load-review.js';
import { ProblemRef } from '../schemas/problem-schema.js';
import { ReviewIdParamsSchema } from '../schemas/review-schemas.js';

/** What the review page route needs. */
export interface ReviewPageRoutesOptions {
  temporal: Client;
  namespace: string;
  queryTimeoutMs: number;
  /** Base URL of the Temporal Web UI, for a link to the review's workflow; none: no link. */
  temporalUiUrl?: string;
}

// Scripts and styles from this origin only (the page's one script and stylesheet), its script may
// open the event stream of this origin and nothing else, no inline code, no framing, no forms.
const reviewPagePolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `GET /reviews/:id/page`: a finished or running review as a web page, behind the same API key
 * and scope as its JSON (and, for OIDC callers, the same repository binding: the route is under
 * `/reviews/:id`). A separate path rather than content negotiation on `GET /reviews/:id`, so the
 * JSON route's contract, caches and benchmarks stay as they are.
 */
export const reviewPageRoutes: FastifyPluginAsyncTypebox<ReviewPageRoutesOptions> = async (app, options) => {
  const { temporal, queryTimeoutMs } = options;
  app.get(
    '/reviews/:id/page',
    {
      schema: {
        operationId: 'showReviewPage',
        tags: ['reviews'],
        summary: 'A review as an HTML page: progress (live), findings by file with their lines, coverage, links',
        security: requiresScope('reviews:read'),
        params: ReviewIdParamsSchema,
        produces: ['text/html'],
        response: {
          200: Type.String({ description: 'HTML page' }),
          401: ProblemRef,
          403: ProblemRef,
          404: ProblemRef,
        },
      },
    },
    async (request, reply) => {
      const review = await loadReview(temporal, request.params.id, { queryTimeoutMs });
      const self = `/reviews/${encodeURIComponent(review.id)}`;
      const page = renderReviewPage(review, {
        jsonPath: self,
        eventsPath: `${self}/events`,
        pagePath: `${self}/page`,
        namespace: options.namespace,
        ...(options.temporalUiUrl ? { temporalUiUrl: options.temporalUiUrl } : {}),
        code: await readCodeContext(review),
      });
      return (
        reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', reviewPagePolicy)
          // Findings quote the code under review: no shared cache may keep them.
          .header('cache-control', 'no-store')
          .send(page)
      );
    },
  );
};
