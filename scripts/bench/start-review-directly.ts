import {
  ReviewSearchAttribute,
  TaskQueue,
  reviewRepository,
  reviewWorkflowId,
  reviewWorkflowType,
  type ReviewInput,
} from '@reviewflow/workflows';
import type { Client, WorkflowHandle } from '@temporalio/client';

/**
 * Starts a review the way a caller without reviewflow's API would: one `client.workflow.start` of the
 * same workflow type, id, task queue, memo and search attributes as `POST /reviews` uses, from an
 * already resolved source (full SHAs, canonical path).
 */
export function startReviewDirectly(client: Client, input: ReviewInput): Promise<WorkflowHandle> {
  return client.workflow.start(reviewWorkflowType, {
    taskQueue: TaskQueue.cpu,
    workflowId: reviewWorkflowId(input.source),
    args: [input],
    workflowIdConflictPolicy: 'FAIL',
    workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    memo: { source: input.source },
    typedSearchAttributes: [
      { key: ReviewSearchAttribute.repository, value: reviewRepository(input.source) },
      { key: ReviewSearchAttribute.status, value: 'queued' },
    ],
  });
}
