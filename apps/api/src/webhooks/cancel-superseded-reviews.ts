import {
  ReviewSearchAttribute,
  pullRequestReviewIdPrefix,
  reviewRepository,
  type GitHubSource,
} from '@reviewflow/contract';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';

/**
 * Cancels the running reviews of a pull request's older heads, after a review of `current` started:
 * the one named by the push's `before` SHA directly (no wait for visibility), and any other running
 * review of the pull request that visibility lists. Returns the ids it asked to cancel; a review
 * that already ended is skipped.
 */
export async function cancelSupersededReviews(
  client: Client,
  current: GitHubSource,
  currentId: string,
  previousHeadId?: string,
): Promise<string[]> {
  const prefix = pullRequestReviewIdPrefix(current);
  const ids = new Set<string>();
  if (previousHeadId !== undefined && previousHeadId !== currentId) ids.add(previousHeadId);
  // Repository and status narrow the search; the id prefix picks this pull request's reviews.
  const query =
    `${ReviewSearchAttribute.repository.name} = '${reviewRepository(current).replace(/'/g, '')}' ` +
    `AND ExecutionStatus = 'Running'`;
  for await (const execution of client.workflow.list({ query })) {
    if (execution.workflowId.startsWith(prefix) && execution.workflowId !== currentId) ids.add(execution.workflowId);
  }
  const cancelled: string[] = [];
  for (const id of ids) {
    try {
      const handle = client.workflow.getHandle(id);
      const { status } = await handle.describe();
      if (status.name !== 'RUNNING') continue;
      await handle.cancel();
      cancelled.push(id);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }
  return cancelled;
}
