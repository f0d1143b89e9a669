import { Context } from '@temporalio/activity';
import { reviewArtifactKey } from './store/review-artifact-key.js';

/**
 * The artifact key of `name` for the review the current activity runs for. It is derived from the
 * workflow id and run id, never from a random id, so every retry of an activity addresses the same
 * artifact and a second write of it is a no-op.
 */
export function currentReviewKey(name: string): string {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw new Error('review artifacts can only be addressed from an activity run by a workflow');
  const { workflowId, runId } = execution;
  return reviewArtifactKey(`${workflowId}/${runId}`, name);
}
