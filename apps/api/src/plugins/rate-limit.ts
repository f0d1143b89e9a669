import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, ProblemType } from '../http-problem.js';

/** How many requests one caller may make per minute; see {@link rateLimit}. */
export interface RateLimitSettings {
  perMinute: number;
  /** The window; one minute unless a test wants a shorter one. */
  timeWindowMs?: number;
}

// Probes and scrapers must never be throttled: a 429 on /healthz restarts a healthy pod, one on
// /metrics blinds the alerts exactly when traffic is high. GitHub does not redeliver a webhook
// it got an error for, so a throttled delivery would be a lost review; deliveries are signed,
// cheap to refuse when forged, and load shedding still protects the process.
export const rateLimitExemptRoutes: ReadonlySet<string> = new Set([
  '/healthz',
  '/readyz',
  '/metrics',
  '/webhooks/github',
]);

/**
 * The bucket a request counts against: the authenticated caller when there is one (an API key by
 * its name, an OIDC token by its repository, so all workflows of one repository share a budget),
 * else the client address (approval links, docs). Runs after the authentication hooks, so a
 * caller cannot pick someone else's bucket by sending their key name.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const caller = request.caller;
  if (caller?.repository !== undefined) return `repository:${caller.repository}`;
  if (caller !== undefined) return `key:${caller.name}`;
  return `ip:${request.ip}`;
}

/**
 * Per-caller rate limit (@fastify/rate-limit): past `perMinute` requests in a window a caller gets
 * a 429 problem with `Retry-After` and the IETF `RateLimit-*` headers. Counters live in this
 * process, so with N replicas behind a load balancer a caller gets up to about N times the limit;
 * that bounds abuse well enough without a shared store. Requests that fail authentication never
 * reach the limiter (they cost one hash); flooding by unauthenticated clients is the ingress's job.
 */
export const rateLimit = fp<RateLimitSettings>(
  async (app, settings) => {
    await app.register(fastifyRateLimit, {
      max: settings.perMinute,
      timeWindow: settings.timeWindowMs ?? 60_000,
      // Route-level onRequest hooks run after the scopes' authentication hooks: the caller is known.
      hook: 'onRequest',
      enableDraftSpec: true,
      keyGenerator: rateLimitKey,
      allowList: (request) => rateLimitExemptRoutes.has(request.routeOptions.url ?? ''),
      errorResponseBuilder: (_request, context) =>
        new HttpProblem(
          429,
          ProblemType.rateLimited,
          'Too many requests',
          `More than ${context.max} requests in the window; retry in ${context.after}`,
        ),
    });
  },
  { name: 'reviewflow-rate-limit', fastify: '5.x' },
);
