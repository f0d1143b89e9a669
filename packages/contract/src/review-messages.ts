import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ApprovalRequest, ApprovalState, ReviewProgress } from './review-types.js';

/** Current stage, counts, findings so far and approval state of a review. */
export const progressQuery = defineQuery<ReviewProgress>('progress');

/**
 * Records an approval decision and answers with the approval state. The validator rejects a
 * decision the review cannot take (no gate, or already decided), so callers get a clear answer.
 */
export const approvalUpdate = defineUpdate<ApprovalState, [ApprovalRequest]>('approval');

/** Fire-and-forget form of {@link approvalUpdate}; a decision the review cannot take is ignored. */
export const approvalSignal = defineSignal<[ApprovalRequest]>('approval');
