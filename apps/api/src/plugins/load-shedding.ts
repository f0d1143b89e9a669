import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import { HttpProblem, ProblemType } from '../http-problem.js';

/** When the process counts as overloaded; a threshold of 0 is not checked. */
export interface LoadSheddingSettings {
  /** Mean event-loop delay over a sample. */
  maxEventLoopDelayMs: number;
  maxHeapUsedBytes: number;
  maxRssBytes: number;
  /** What 503 answers tell clients to wait, in seconds. */
  retryAfterSeconds: number;
  /** How often the process is measured; 1 s unless a test wants faster. */
  sampleIntervalMs?: number;
}

// Liveness must not fail because the process is busy: a restart would drop every request in
// flight and leave the others with more to do. /metrics stays up so the overload can be seen.
// /readyz is shed like any route, which is the point: Kubernetes stops routing to a pod that
// answers 503 there until it has caught up.
export const loadSheddingExemptRoutes: ReadonlySet<string> = new Set(['/healthz', '/metrics']);

/**
 * Load shedding (@fastify/under-pressure): while the event loop lags or the heap or RSS is past
 * its threshold, requests are answered at once with a 503 problem and `Retry-After` instead of
 * queueing up behind the ones the process cannot finish. It runs before authentication and
 * parsing, so a refused request costs almost nothing.
 */
export const loadShedding = fp<LoadSheddingSettings>(
  async (app, settings) => {
    await app.register(underPressure, {
      maxEventLoopDelay: settings.maxEventLoopDelayMs,
      maxHeapUsedBytes: settings.maxHeapUsedBytes,
      maxRssBytes: settings.maxRssBytes,
      retryAfter: settings.retryAfterSeconds,
      sampleInterval: settings.sampleIntervalMs ?? 1000,
      pressureHandler: async (request, reply, type, value) => {
        if (loadSheddingExemptRoutes.has(request.routeOptions.url ?? '')) return;
        request.log.warn({ pressure: type, value }, 'overloaded: request shed');
        reply.header('retry-after', String(settings.retryAfterSeconds));
        throw new HttpProblem(503, ProblemType.overloaded, 'Overloaded', 'The server is overloaded; retry later');
      },
    });
  },
  { name: 'reviewflow-load-shedding', fastify: '5.x' },
);
