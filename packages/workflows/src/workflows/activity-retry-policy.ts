import type { RetryPolicy } from '@temporalio/workflow';

/**
 * The retry policy of every activity the workflows call. Back off from 1 s to at most 10 min; five
 * attempts ride out a flaky service without hiding a broken one. Permanent failures are
 * non-retryable by type and end the step at once.
 */
export const activityRetryPolicy: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '10 minutes',
  maximumAttempts: 5,
};
