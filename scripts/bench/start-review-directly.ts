import { reviewStartOptions, reviewWorkflowType, type ReviewInput } from '@reviewflow/contract';
import type { Client, WorkflowHandle } from '@temporalio/client';

/**
 * Starts a review the way a caller without reviewflow's API would: one `client.workflow.start` of
 * the same workflow with the same options as `POST /reviews` uses (`reviewStartOptions`), from an
 * already resolved source (full SHAs, canonical path).
 */
export function startReviewDirectly(client: Client, input: ReviewInput): Promise<WorkflowHandle> {
  return client.workflow.start(reviewWorkflowType, reviewStartOptions(input));
}
