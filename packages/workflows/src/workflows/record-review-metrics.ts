import { ReviewMetric } from '@reviewflow/contract';
import { log, metricMeter, workflowInfo } from '@temporalio/workflow';

// The SDK drops metrics and log lines while a workflow replays, so a worker that restarts and
// replays a review counts nothing twice; no `patched()` is needed either, as none of this creates
// commands in the history. The meter tags every value with namespace, task queue and workflow type.

/** Counts a review workflow that starts running (the "started" rate of the dashboard). */
export function recordReviewStarted(): void {
  const { name, description } = ReviewMetric.workflowsStarted;
  metricMeter.createCounter(name, undefined, description).add(1);
  log.info('review started');
}

/**
 * Records how long a review took and how large its history grew, when it completes with `outcome`.
 * History length and size are the signals of a missed continue-as-new (Temporal ends a run at
 * 51 200 events or 50 MiB).
 */
export function recordReviewFinished(outcome: 'completed' | 'rejected'): void {
  const info = workflowInfo();
  // Workflow time: deterministic, and the start of the whole chain of runs.
  const durationSeconds = (Date.now() - info.startTime.getTime()) / 1000;
  const { duration, historyLength, historySize } = ReviewMetric;
  const tags = { outcome };
  metricMeter
    .createHistogram(duration.name, 'float', duration.unit, duration.description)
    .record(durationSeconds, tags);
  metricMeter
    .createHistogram(historyLength.name, 'int', undefined, historyLength.description)
    .record(info.historyLength, tags);
  metricMeter
    .createHistogram(historySize.name, 'int', historySize.unit, historySize.description)
    .record(info.historySize, tags);
  log.info('review finished', {
    outcome,
    durationSeconds,
    historyLength: info.historyLength,
    historySize: info.historySize,
  });
}
