import { reviewWorkflowType, type ReviewStatus } from '@reviewflow/contract';
import type { Client } from '@temporalio/client';
import { Gauge, type Registry } from 'prom-client';
import { visibilityFilterOf } from '../reviews/review-status-of.js';
import { apiMetricSeries } from './api-metric-series.js';

const openStatuses = ['queued', 'running', 'awaiting_approval'] as const satisfies readonly ReviewStatus[];

/** What {@link registerOpenReviewsGauge} counts with. */
export interface OpenReviewsGaugeOptions {
  temporal: Client;
  namespace: string;
  /** How long a scrape waits for Temporal's counts before it reports none. */
  timeoutMs: number;
}

/**
 * `reviewflow_reviews_open{status}`: reviews that have not ended, by status, counted through
 * Temporal visibility when Prometheus scrapes. Temporal is the only place that knows this across
 * worker restarts (a gauge kept by workers would be lost with them); every API replica reports the
 * same numbers, so dashboards take the `max`.
 */
export function registerOpenReviewsGauge(registry: Registry, options: OpenReviewsGaugeOptions): void {
  const { temporal, namespace, timeoutMs } = options;
  new Gauge({
    ...apiMetricSeries.reviewsOpen,
    labelNames: [...apiMetricSeries.reviewsOpen.labelNames],
    registers: [registry],
    async collect() {
      try {
        const counts = await temporal.withAbortSignal(AbortSignal.timeout(timeoutMs), () =>
          Promise.all(
            openStatuses.map((status) =>
              temporal.workflowService.countWorkflowExecutions({
                namespace,
                query: `WorkflowType = '${reviewWorkflowType}' AND ${visibilityFilterOf(status)}`,
              }),
            ),
          ),
        );
        openStatuses.forEach((status, i) => this.set({ status }, Number(counts[i]?.count?.toString() ?? 0)));
      } catch {
        // No stale numbers: the series go away until Temporal answers again, and the Temporal
        // client error counter says why.
        this.reset();
      }
    },
  });
}
