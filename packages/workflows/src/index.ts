/**
 * The workflow contract: what the API and workers share. Task queues, workflow ids, message
 * definitions and types; never workflow or activity implementations.
 */
export { TaskQueue } from './task-queues.js';
export { tiers, tierTaskQueue, type Tier } from './tiers.js';
export { orgChildReviewId, orgReviewWorkflowId } from './org-review-workflow-id.js';
export { orgProgressQuery } from './org-review-messages.js';
export {
  OrgReviewLimits,
  type OrgRepository,
  type OrgReviewInput,
  type OrgReviewProgress,
  type OrgReviewResult,
} from './org-review-types.js';
export { pullRequestReviewIdPrefix, reviewRepository, reviewWorkflowId } from './review-workflow-id.js';
export { ReviewSearchAttribute } from './review-search-attributes.js';
export { reviewStartOptions } from './review-start-options.js';
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

export { orgReviewWorkflowType, reviewWorkflowType } from './review-workflow-type.js';
export {
  idempotencyRecordTtlSeconds,
  idempotencyRecordWorkflowId,
  idempotencyRecordWorkflowType,
  type IdempotencyRecordInput,
  type IdempotencyRecordMemo,
} from './idempotency-record.js';
export { reviewLogAttributes } from './review-log-attributes.js';

export {
  FailureType,
  severities,
  type ApprovalRecord,
  type ComponentInfo,
  type Coverage,
  type FileCoverage,
  type Finding,
  type GitHubSource,
  type GitSource,
  type ReviewReport,
  type ReviewSource,
  type Severity,
} from '@reviewflow/activities/model';
