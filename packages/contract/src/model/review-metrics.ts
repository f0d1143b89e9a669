/**
 * A metric the workers emit through the Temporal SDK's metric meters. The exporter appends the
 * unit (`_seconds`, `_bytes`) to histogram names and `_total` to counter names, so Prometheus sees
 * e.g. `reviewflow_review_duration_seconds` and `reviewflow_findings_total`.
 */
export interface ReviewMetricDescriptor {
  name: string;
  unit?: string;
  description: string;
  /** Histogram bucket boundaries, in `unit`. */
  buckets?: number[];
}

// Temporal warns at 10 Ki events / 10 MiB and terminates a run at 51 200 events / 50 MiB: both
// histograms have boundaries at the warning and the limit, so the alerts can measure against them.
const historyLengthBuckets = [50, 100, 250, 500, 1000, 2500, 5000, 10_240, 25_000, 51_200];
const MiB = 1024 * 1024;
const historySizeBuckets = [16 * 1024, 64 * 1024, 256 * 1024, MiB, 4 * MiB, 10 * MiB, 25 * MiB, 50 * MiB];

/** Every metric of a review, from the workflow and the activities; names are the contract of the dashboard. */
export const ReviewMetric = {
  workflowsStarted: {
    name: 'reviewflow_review_workflows_started',
    description: 'Review workflows started (counted when their code first runs, never on replay)',
  },
  duration: {
    name: 'reviewflow_review_duration',
    unit: 'seconds',
    description: 'Time from the start of a review workflow to its completion, approval wait included',
    // From a few seconds offline to a day of waiting for approval.
    buckets: [1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600, 7 * 24 * 3600],
  },
  historyLength: {
    name: 'reviewflow_review_history_length',
    description: 'Events in the history of a review workflow when it completes',
    buckets: historyLengthBuckets,
  },
  historySize: {
    name: 'reviewflow_review_history_size',
    unit: 'bytes',
    description: 'Size of the history of a review workflow when it completes',
    buckets: historySizeBuckets,
  },
  chunksEmbedded: {
    name: 'reviewflow_chunks_embedded',
    description: 'Diff chunks embedded, by embedder',
  },
  findings: {
    name: 'reviewflow_findings',
    description: 'Findings reported by the reviewer, by severity',
  },
  tokens: {
    name: 'reviewflow_reviewer_tokens',
    description: 'Model tokens the reviewer used, by kind (input, output); 0 for the offline reviewer',
  },
} as const satisfies Record<string, ReviewMetricDescriptor>;

/** The bucket boundaries of every review histogram, keyed as the SDK's Prometheus exporter expects. */
export function reviewMetricBuckets(): Record<string, number[]> {
  const buckets: Record<string, number[]> = {};
  for (const metric of Object.values(ReviewMetric) as ReviewMetricDescriptor[]) {
    if (metric.buckets) buckets[metric.name] = [...metric.buckets];
  }
  return buckets;
}
