import { approvalUpdate, type ApprovalRequest, type ApprovalState } from '@reviewflow/workflows';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { HttpProblem, ProblemType } from '../http-problem.js';
import { describeReview } from './load-review.js';

/**
 * Sends an approval decision through a workflow update, so the caller learns whether the review
 * took it. A decision for a review without a gate, or one already decided, is a 409 problem, and
 * so is any decision after the review ended.
 */
export async function decideApproval(
  client: Client,
  id: string,
  request: ApprovalRequest,
  options: { updateId?: string } = {},
): Promise<ApprovalState> {
  const description = await describeReview(client, id);
  if (description.status.name !== 'RUNNING') {
    throw new HttpProblem(409, ProblemType.reviewClosed, 'Review already ended', `Review ${id} has already ended`);
  }
  try {
    // An update id makes a repeated call (same approval link) return the first outcome instead of deciding again.
    return await client.workflow.getHandle(id).executeUpdate(approvalUpdate, {
      args: [request],
      ...(options.updateId === undefined ? {} : { updateId: options.updateId }),
    });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const reason = err.cause instanceof Error ? err.cause.message : err.message;
      throw new HttpProblem(409, ProblemType.approvalNotAccepted, 'Approval not accepted', reason);
    }
    throw err;
  }
}
