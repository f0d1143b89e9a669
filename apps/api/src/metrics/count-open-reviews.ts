import { reviewWorkflowType, type ReviewStatus } from '@reviewflow/contract';
import type { Client } from '@temporalio/client';
import { visibilityFilterOf } from '../reviews/review-status-of.js';
import type { OpenReviewCounts } from './create-api-metrics.js';

const openStatuses = ['queued', 'running', 'awaiting_approval'] as const satisfies readonly ReviewStatus[];

/** What {@link countOpenReviews} counts with. */
export interface CountOpenReviewsOptions {
  temporal: Client;
  namespace: string;
  /** How long a scrape waits for Temporal's counts before it reports none. */
  timeoutMs: number;
}

/**
 * Counts the reviews that have not ended, by status, through Temporal visibility: the source of
 * `reviewflow_reviews_open{status}`, asked when Prometheus scrapes. Temporal is the only place that
 * knows this across worker restarts (a gauge kept by workers would be lost with them); every API
 * replica reports the same numbers, so dashboards take the `max`. Rejects when Temporal does not
 * answer in time.
 */
export async function countOpenReviews(options: CountOpenReviewsOptions): Promise<OpenReviewCounts> {
  const { temporal, namespace, timeoutMs } = options;
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
  return Object.fromEntries(openStatuses.map((status, i) => [status, Number(counts[i]?.count?.toString() ?? 0)]));
}
