import {
  orgReviewWorkflowId,
  orgReviewWorkflowType,
  TaskQueue,
  type OrgRepository,
  type OrgReviewInput,
  type Tier,
} from '@reviewflow/contract';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';

/**
 * Starts an organisation run idempotently: its id comes from org, tier and the repository list, so
 * the same request twice starts one run. The parent itself runs on the default CPU queue; its
 * children go to the tier's queue.
 */
export async function startOrgReview(
  client: Client,
  input: { org: string; tier: Tier; repositories: OrgRepository[]; maxParallelReviews?: number },
): Promise<{ id: string; created: boolean }> {
  const id = orgReviewWorkflowId(input.org, input.tier, input.repositories);
  const args: OrgReviewInput = { org: input.org, tier: input.tier, repositories: input.repositories };
  if (input.maxParallelReviews !== undefined) args.maxParallelReviews = input.maxParallelReviews;
  try {
    await client.workflow.start(orgReviewWorkflowType, {
      taskQueue: TaskQueue.cpu,
      workflowId: id,
      args: [args],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
    return { id, created: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { id, created: false };
    throw err;
  }
}
