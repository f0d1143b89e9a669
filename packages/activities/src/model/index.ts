/**
 * The data model shared by activities, workflows and the API: types and pure constants only, safe
 * to import from the workflow sandbox and from the API (no Node built-ins, no activity code).
 */
export type { Changeset, Chunk, ChunkSummary, DiffHunk, DiffLine, FileChange, FileChangeStatus } from './changeset.js';
export type { ComponentInfo } from './component-info.js';
export type { Coverage, FileCoverage } from './coverage.js';
export { coverageRatio, outOfScopeReasons, withChunksUnreviewed, withCoverageTotals } from './coverage-ratio.js';
export type { AiReviewStats } from './ai-review-stats.js';
export { severities, type Finding, type Severity } from './finding.js';
export type { ApprovalRecord, ReviewReport } from './review-report.js';
export { ReviewMetric, reviewMetricBuckets, type ReviewMetricDescriptor } from './review-metrics.js';
export type { GitHubSource, GitSource, ReviewSource } from './review-source.js';
export { FailureType } from '../failure-type.js';
