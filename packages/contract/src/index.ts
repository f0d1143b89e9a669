/**
 * The contract between the API, the workflows and the activities: the data model (types, pure
 * functions and constants), failure types, metric descriptors, task queues, tiers, workflow ids and
 * type names, message definitions, inputs and progress, search attributes and start options. Safe in
 * the workflow sandbox and in the API: no Node built-ins, no workflow or activity code. Approval
 * link tokens (node:crypto) are `@reviewflow/contract/approval-link-token`, never this entry point.
 */
export type {
  Changeset,
  Chunk,
  ChunkSummary,
  DiffHunk,
  DiffLine,
  FileChange,
  FileChangeStatus,
} from './model/changeset.js';
export type { ComponentInfo } from './model/component-info.js';
export type { Coverage, FileCoverage } from './model/coverage.js';
export { coverageRatio, outOfScopeReasons, withChunksUnreviewed, withCoverageTotals } from './model/coverage-ratio.js';
export type { AiReviewStats } from './model/ai-review-stats.js';
export type { TokenUsage } from './model/token-usage.js';
export { severities, type Finding, type Severity } from './model/finding.js';
export type { ApprovalRecord, ReviewReport } from './model/review-report.js';
export { ReviewMetric, reviewMetricBuckets, type ReviewMetricDescriptor } from './model/review-metrics.js';
export type { GitHubSource, GitSource, ReviewSource } from './model/review-source.js';
export { FailureType } from './failure-type.js';

export { TaskQueue } from './task-queues.js';
export { tiers, tierTaskQueue, type Tier } from './tiers.js';
export { orgChildReviewId, orgReviewWorkflowId } from './org-review-workflow-id.js';
export { orgProgressQuery } from './org-review-messages.js';
export {
  OrgReviewLimits,
  type OrgRepository,
  type OrgReviewCarry,
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
