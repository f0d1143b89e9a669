/**
 * The workflow contract: what the API and workers share. Task queues, workflow ids, message
 * definitions and types; never workflow or activity implementations.
 */
export { TaskQueue } from './task-queues.js';
export { reviewRepository, reviewWorkflowId } from './review-workflow-id.js';
export { ReviewSearchAttribute } from './review-search-attributes.js';
export { approvalSignal, approvalUpdate, progressQuery } from './review-messages.js';
export {
  ReviewLimits,
  reviewStatuses,
  type ApprovalRequest,
  type ApprovalState,
  type ReviewInput,
  type ReviewProgress,
  type ReviewStage,
  type ReviewStatus,
} from './review-types.js';

/** The persisted workflow type name of a review; it must never change (see the workflow file). */
export const reviewWorkflowType = 'reviewPullRequest';

export {
  FailureType,
  severities,
  type ApprovalRecord,
  type ComponentInfo,
  type Coverage,
  type FileCoverage,
  type Finding,
  type GitSource,
  type ReviewReport,
  type ReviewSource,
  type Severity,
} from '@reviewflow/activities/model';
