/**
 * Bucket boundaries, in seconds, for the SDK's latency histograms that the dashboard and alerts read.
 * The SDK's defaults jump from 1 s to 5 s to 10 s and then to 100 s, which makes p95/p99 of
 * schedule-to-start and activity latencies too coarse to act on. Keys are metric names without the
 * `temporal_` prefix, as the exporter expects.
 */
export const sdkHistogramBuckets: Record<string, number[]> = {
  // The alert fires above 5 s, so there are boundaries on both sides of it.
  workflow_task_schedule_to_start_latency: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  activity_schedule_to_start_latency: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
  // Activities range from milliseconds (reviewing a chunk offline) to an hour (embedding on a model).
  activity_execution_latency: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
  // A review may wait a day for approval.
  workflow_endtoend_latency: [0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 7 * 24 * 3600],
};
