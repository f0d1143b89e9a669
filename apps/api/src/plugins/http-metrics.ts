import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { apiMetricSeries } from '../metrics/api-metric-series.js';

/** The API's Prometheus metrics, on a registry of its own so several apps in one process never clash. */
export interface ApiMetrics {
  registry: Registry;
  reviewsStarted: Counter<'source_kind' | 'outcome'>;
  approvals: Counter<'decision'>;
}

/**
 * Creates the registry with process metrics and records every request's duration, labelled by
 * route template (never the raw URL: ids would explode the label set), method and status code.
 */
export function registerHttpMetrics(app: FastifyInstance): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // These gauges end in `_total`, which Prometheus reserves for counters (`promtool check metrics`
  // rejects them); each is the sum of its by-type twin (`nodejs_active_handles{type}` and so on).
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    registry.removeSingleMetric(name);
  }
  const { httpRequestDuration, reviewsStarted: started, approvals: decided } = apiMetricSeries;
  const duration = new Histogram({
    ...httpRequestDuration,
    labelNames: [...httpRequestDuration.labelNames],
    buckets: [...httpRequestDuration.buckets],
    registers: [registry],
  });
  const reviewsStarted = new Counter({ ...started, labelNames: [...started.labelNames], registers: [registry] });
  const approvals = new Counter({ ...decided, labelNames: [...decided.labelNames], registers: [registry] });
  // Series start at 0: a counter or histogram series that first appears at 1 is never an increase
  // to rate(), so the first review, approval or 5xx would be invisible to the alerts (the dashboard
  // also counts a series born inside its window from 0). Label values are known up front: the source
  // kinds and decisions of the contract, and each route's declared responses (onRoute sees every
  // route, as this runs before any is registered; HEAD twins of GET routes are left out). Declared
  // 4xx are not: 54 of the 80 declared route statuses, 756 always-zero series, and no alert reads them.
  for (const source_kind of ['git', 'github']) {
    for (const outcome of ['created', 'existing']) reviewsStarted.inc({ source_kind, outcome }, 0);
  }
  for (const decision of ['approve', 'reject']) approvals.inc({ decision }, 0);
  app.addHook('onRoute', (route) => {
    const statuses = Object.keys((route.schema?.response as Record<string, unknown> | undefined) ?? {}).filter((code) =>
      /^[1235]\d\d$/.test(code),
    );
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      for (const status_code of statuses) duration.zero({ route: route.url, method, status_code });
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        route: request.routeOptions.url ?? 'unmatched',
        method: request.method,
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  return { registry, reviewsStarted, approvals };
}
