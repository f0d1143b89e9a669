import type { SearchAttributePair } from '@temporalio/common';
import { ReviewSearchAttribute } from './review-search-attributes.js';
import { TaskQueue } from './task-queues.js';
import type { ReviewInput } from './review-types.js';
import { reviewRepository, reviewWorkflowId } from './review-workflow-id.js';

/**
 * How a review workflow is started, for `client.workflow.start(reviewWorkflowType, …)`: by the API
 * and by anything measured against it, so both start exactly the same workflow. The id comes from
 * the business key (repository + commit range), so a source never gets a second pipeline; the
 * conflict policy FAIL (instead of USE_EXISTING) is what tells a new review from an existing one.
 * `reuse: 'never'` is for webhooks: a redelivered event must not restart a review that was
 * cancelled (superseded by a newer head) or failed; otherwise a failed one may be started again.
 */
export function reviewStartOptions(input: ReviewInput, reuse: 'after-failure' | 'never' = 'after-failure') {
  return {
    taskQueue: TaskQueue.cpu,
    workflowId: reviewWorkflowId(input.source),
    args: [input] as [ReviewInput],
    workflowIdConflictPolicy: 'FAIL' as const,
    workflowIdReusePolicy: reuse === 'never' ? ('REJECT_DUPLICATE' as const) : ('ALLOW_DUPLICATE_FAILED_ONLY' as const),
    memo: { source: input.source },
    typedSearchAttributes: [
      { key: ReviewSearchAttribute.repository, value: reviewRepository(input.source) },
      { key: ReviewSearchAttribute.status, value: 'queued' },
    ] satisfies SearchAttributePair[],
  };
}
