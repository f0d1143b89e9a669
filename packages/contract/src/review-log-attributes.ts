import { reviewWorkflowType } from './review-workflow-type.js';

/**
 * Adds `reviewId` to the attributes of a worker log line about a review. The SDK already puts
 * `workflowId` and `workflowType` on every workflow and activity line (and on its own lines about
 * them); a review's id is its workflow id, so operators can search worker logs by the id the API
 * returned, just as in the API's logs.
 */
export function reviewLogAttributes<M extends Record<string, unknown>>(meta: M): M & { reviewId?: string } {
  if (meta.workflowType !== reviewWorkflowType || typeof meta.workflowId !== 'string') return meta;
  return { reviewId: meta.workflowId, ...meta };
}
