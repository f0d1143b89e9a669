import fp from 'fastify-plugin';
import { ProblemRef, retryAfterProblem } from '../schemas/problem-schema.js';
import { loadSheddingExemptRoutes } from './load-shedding.js';
import { rateLimitExemptRoutes } from './rate-limit.js';

const withBody = new Set(['POST', 'PUT', 'PATCH']);

/** What {@link hardeningResponses} needs to know. */
export interface HardeningResponsesOptions {
  /** The body limit of routes that set none of their own (the server's `bodyLimit`). */
  defaultBodyLimit: number;
}

/**
 * Documents the answers every route can give besides its own: 400 when it validates a part of the
 * request, 431 for a request line or headers too large, 413 past its body limit, 429 from
 * the rate limit, 503 from load shedding or the request deadline. They come from plugins, not from
 * the handlers, so they are added to each route's OpenAPI responses here, where the exemptions
 * live too, rather than repeated in every route (and forgotten in the next one). Documented
 * whether or not the deployment turns the limits on: a client must handle them either way.
 * Registered before any route, so its `onRoute` hook sees all of them.
 */
export const hardeningResponses = fp<HardeningResponsesOptions>(
  async (app, { defaultBodyLimit }) => {
    app.addHook('onRoute', (route) => {
      const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
      if (!schema?.response || schema.hide) return;
      const url = route.url;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const add = (status: string, description: string): void => {
        schema.response![status] ??= { ...ProblemRef, description };
      };
      // Validation answers 400 for any route that validates a part of the request.
      if (['params', 'querystring', 'body', 'headers'].some((part) => part in schema)) {
        add('400', 'The request does not match this document');
      }
      // Node's HTTP parser answers it before any route runs (see server-options/client-error-problem.ts).
      add('431', 'The request line and headers are larger than the server reads (16 KiB)');
      if (methods.some((m) => withBody.has(m))) {
        add('413', `The body is larger than ${route.bodyLimit ?? defaultBodyLimit} bytes`);
      }
      if (!rateLimitExemptRoutes.has(url)) add('429', 'Rate limit of the caller reached; see Retry-After');
      if (!loadSheddingExemptRoutes.has(url))
        add('503', 'Overloaded, past the request deadline or shutting down; see Retry-After');
      // Every 503 and 429 carries Retry-After (see problem-handler.ts), a route's own ones too.
      for (const status of ['429', '503']) {
        const response = schema.response[status] as { description?: string } | undefined;
        if (response) schema.response[status] = retryAfterProblem(response.description ?? 'Try again later');
      }
    });
  },
  { name: 'reviewflow-hardening-responses', fastify: '5.x' },
);
