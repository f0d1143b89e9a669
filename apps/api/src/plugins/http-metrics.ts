import fp from 'fastify-plugin';
import type { ApiMetrics } from '../metrics/create-api-metrics.js';

/** Where {@link httpMetrics} records. */
export interface HttpMetricsOptions {
  metrics: Pick<ApiMetrics, 'httpRequestDuration'>;
}

/**
 * Records every request's duration, labelled by route template (never the raw URL: ids would
 * explode the label set), method and status code.
 */
export const httpMetrics = fp<HttpMetricsOptions>(
  async (app, { metrics }) => {
    const duration = metrics.httpRequestDuration;
    // A route's series start at 0, like the API's counters (see createApiMetrics): one that first
    // appears at 1 is never an increase to rate(), so the first 5xx would be invisible to the alerts.
    // Label values are each route's declared responses (onRoute sees every route, as this is
    // registered before any; HEAD twins of GET routes are left out). Declared 4xx are not: 54 of the
    // 80 declared route statuses, 756 always-zero series, and no alert reads them.
    app.addHook('onRoute', (route) => {
      const statuses = Object.keys((route.schema?.response as Record<string, unknown> | undefined) ?? {}).filter(
        (code) => /^[1235]\d\d$/.test(code),
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
  },
  { name: 'reviewflow-http-metrics', fastify: '5.x' },
);
