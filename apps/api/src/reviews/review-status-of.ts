import { reviewStatuses, type ReviewStatus } from '@reviewflow/contract';

/**
 * The API status of a review from its workflow execution status and its `ReviewStatus` search
 * attribute (which the workflow keeps current while it runs and sets last before it completes).
 */
export function reviewStatusOf(executionStatus: string, searchAttributeStatus: string | undefined): ReviewStatus {
  const known = reviewStatuses.find((s) => s === searchAttributeStatus);
  switch (executionStatus) {
    case 'RUNNING':
    case 'CONTINUED_AS_NEW':
      return known === 'queued' || known === 'awaiting_approval' ? known : 'running';
    case 'COMPLETED':
      return known === 'rejected' ? 'rejected' : 'completed';
    // describe() says CANCELLED; the raw visibility list (GET /reviews) spells the proto enum, CANCELED.
    case 'CANCELLED':
    case 'CANCELED':
      return 'cancelled';
    default:
      // FAILED, TIMED_OUT and TERMINATED all end a review without a result.
      return 'failed';
  }
}

/** The `ExecutionStatus`/`ReviewStatus` visibility filter that selects reviews of one API status. */
export function visibilityFilterOf(status: ReviewStatus): string {
  switch (status) {
    case 'queued':
    case 'awaiting_approval':
      return `ExecutionStatus = 'Running' AND ReviewStatus = '${status}'`;
    case 'running':
      return `ExecutionStatus = 'Running' AND ReviewStatus NOT IN ('queued', 'awaiting_approval')`;
    case 'completed':
    case 'rejected':
      return `ExecutionStatus = 'Completed' AND ReviewStatus = '${status}'`;
    case 'failed':
      return `ExecutionStatus IN ('Failed', 'TimedOut', 'Terminated')`;
    case 'cancelled':
      return `ExecutionStatus = 'Canceled'`;
  }
}
