/**
 * Activity factories of reviewflow and the data model they share with workflows. Workers call the
 * factories with real clients; workflows import only the types.
 */
export { createCpuActivities } from './create-cpu-activities.js';
export type {
  CpuActivities,
  CpuActivityDeps,
  FetchChangesResult,
  PlanChunksResult,
  PublishReviewResult,
  ReviewChunkResult,
} from './create-cpu-activities.js';
export { createGpuActivities } from './create-gpu-activities.js';
export type { EmbedChunksResult, GpuActivities, GpuActivityDeps } from './create-gpu-activities.js';
export { FailureType } from './failure-type.js';
export {
  createGitHubClients,
  type GitHubAuth,
  type GitHubClientOptions,
  type GitHubClients,
} from './github/github-clients.js';
export { FeatureHashingEmbedder } from './embed/feature-hashing-embedder.js';
export type { Embedder } from './embed/embedder.js';
export { OfflineReviewer } from './review/offline-reviewer.js';
export type { Reviewer } from './review/reviewer.js';
export { reviewerOutputOf, type ReviewerOutput, type TokenUsage } from './review/reviewer-output.js';
export { ReviewMetric, reviewMetricBuckets, type ReviewMetricDescriptor } from './model/review-metrics.js';
export { FileArtifactStore } from './store/file-artifact-store.js';
export { ArtifactNotFoundError, type ArtifactStore } from './store/artifact-store.js';
export type { Changeset, Chunk, ChunkSummary, DiffHunk, DiffLine, FileChange } from './model/changeset.js';
export type { ComponentInfo } from './model/component-info.js';
export type { Coverage, FileCoverage } from './model/coverage.js';
export { severities, type Finding, type Severity } from './model/finding.js';
export type { ApprovalRecord, ReviewReport } from './model/review-report.js';
export type { GitHubSource, GitSource, ReviewSource } from './model/review-source.js';
export type { OrgAlert } from './org/raise-org-alert.js';
