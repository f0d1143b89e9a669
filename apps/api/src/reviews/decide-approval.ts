import { approvalUpdate, type ApprovalRequest, type ApprovalState } from '@reviewflow/contract';
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
  // Temporal answers a known update id with its first outcome even after the review ended, so a
  // link (which always has one) must learn first whether the review is still open.
  if (options.updateId !== undefined) await assertOpen(client, id);
  try {
    // An update id makes a repeated call (same approval link) return the first outcome instead of deciding again.
    return await client.workflow.getHandle(id).executeUpdate(approvalUpdate, {
      args: [request],
      ...(options.updateId === undefined ? {} : { updateId: options.updateId }),
    });
  } catch (err) {
    // Describing only when the update did not go through keeps the common case at one Temporal
    // call; the description tells a missing review (404) from an ended one (409).
    await assertOpen(client, id);
    if (err instanceof WorkflowUpdateFailedError) {
      const reason = err.cause instanceof Error ? err.cause.message : err.message;
      throw new HttpProblem(409, ProblemType.approvalNotAccepted, 'Approval not accepted', reason);
    }
    throw err;
  }
}

/** Throws a 404 problem for a missing review and a 409 problem for one that ended. */
async function assertOpen(client: Client, id: string): Promise<void> {
  const description = await describeReview(client, id);
  if (description.status.name !== 'RUNNING') {
    throw new HttpProblem(409, ProblemType.reviewClosed, 'Review already ended', `Review ${id} has already ended`);
  }
}
