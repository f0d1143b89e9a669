import { approvalUpdate, progressQuery } from '@reviewflow/contract';
import type { Client } from '@temporalio/client';
import type { ReviewCalls } from './measure-peer.js';
import { startReviewDirectly } from './start-review-directly.js';

/**
 * The three operations as the SDK makes them from the bench's own process: `workflow.start` with
 * the API's start options, the progress query and the approval update. What the gateway adds over
 * these is its HTTP hop, validation, revision lookup and answer.
 */
export function sdkReviewCalls(client: Client): ReviewCalls {
  return {
    startReview: (input) => startReviewDirectly(client, input),
    progress: (id) => client.workflow.getHandle(id).query(progressQuery),
    approve: (id, request) => client.workflow.getHandle(id).executeUpdate(approvalUpdate, { args: [request] }),
  };
}
