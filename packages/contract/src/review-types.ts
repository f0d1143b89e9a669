import type { AiReviewStats } from './model/ai-review-stats.js';
import type { ComponentInfo } from './model/component-info.js';
import type { Coverage } from './model/coverage.js';
import type { Finding } from './model/finding.js';
import type { ApprovalRecord } from './model/review-report.js';
import type { ReviewSource } from './model/review-source.js';

/** Every status a review can be in, as the API reports it. */
export const reviewStatuses = [
  'queued',
  'running',
  'awaiting_approval',
  'completed',
  'rejected',
  'failed',
  'cancelled',
] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];

/** The step a running review is at. */
export type ReviewStage =
  | 'queued'
  | 'fetching'
  | 'chunking'
  | 'embedding'
  | 'reviewing'
  | 'awaiting_approval'
  | 'publishing'
  | 'completed'
  | 'rejected';

/** Limits of a review's options, shared by the API's validation and the workflow. */
export const ReviewLimits = {
  defaultParallelChunks: 4,
  maxParallelChunks: 32,
  /** Chunks one chunk-review activity reviews at most, one after another (see planChunkBatches). */
  maxChunksPerActivity: 4,
  /** 24 hours: long enough for a reviewer in another time zone. */
  defaultApprovalTimeoutSeconds: 24 * 60 * 60,
  maxApprovalTimeoutSeconds: 30 * 24 * 60 * 60,
  /** Findings kept in progress and results; more are counted, not listed. */
  maxFindings: 1000,
  defaultRelatedChunks: 3,
  maxRelatedChunks: 10,
  maxTokenBudget: 100_000_000,
  /** Globs per list in `paths`. */
  maxGlobs: 100,
} as const;

/** Input of the `reviewPullRequest` workflow. */
export interface ReviewInput {
  /** With resolved commit SHAs. */
  source: ReviewSource;
  approval?: { required: boolean; timeoutSeconds?: number };
  /** Chunk reviews in flight at once. */
  maxParallelChunks?: number;
  /**
   * Chunks one chunk-review activity reviews at most, 1 to {@link ReviewLimits.maxChunksPerActivity}
   * (the default). Fewer: progress moves in smaller steps, at a hand-over between activities per batch.
   */
  chunksPerActivity?: number;
  /** Include and exclude globs; when given they replace those of the repository's `.reviewflow.yml`. */
  paths?: { include?: string[]; exclude?: string[] };
  /** Fail the review (`CoverageBelowMinimum`) when less than this share (0..1) of in-scope added lines is reviewed. */
  minCoverage?: number;
  /** Model tokens (prompt + completion) the review may spend; then it stops calling models and reports reduced coverage. */
  tokenBudget?: number;
  /** Related chunks (top-k by embedding similarity) given to a model reviewer per chunk. */
  relatedChunks?: number;
  /** `required`: fail instead of leaving chunks to the rules when the model stays unavailable. */
  model?: { required: boolean };
}

/** A decision sent to a review waiting for (or about to wait for) approval. */
export interface ApprovalRequest {
  decision: 'approve' | 'reject';
  reason?: string;
  approver?: string;
}

/** Where a review's approval gate stands. */
export interface ApprovalState {
  required: boolean;
  /** `pending`: the gate is not reached yet; `waiting`: the review waits for a decision now. */
  state: 'not_required' | 'pending' | 'waiting' | 'approved' | 'rejected';
  timeoutSeconds?: number;
  /** ISO time the gate times out, once it is reached. */
  deadline?: string;
  decision?: ApprovalRecord;
}

/** What the progress query reports at every moment. */
export interface ReviewProgress {
  stage: ReviewStage;
  counts: {
    files: number;
    additions: number;
    deletions: number;
    chunks: number;
    chunksEmbedded: number;
    chunksReviewed: number;
    findings: number;
  };
  /** Findings so far, sorted by file and line; at most {@link ReviewLimits.maxFindings}. */
  findings: Finding[];
  coverage?: Coverage;
  /** Model tokens, calls and redactions so far. */
  ai?: AiReviewStats;
  reviewer?: ComponentInfo;
  /** Every reviewer of the change, when rules and a model review together. */
  reviewers?: ComponentInfo[];
  embedder?: ComponentInfo;
  approval: ApprovalState;
  /**
   * What `describe()` would add, so the API shows a running review from this answer alone (one
   * Temporal call): the status its `ReviewStatus` search attribute has while it runs (`queued`,
   * `running` or `awaiting_approval`), the ISO start time of its workflow execution, its repository
   * and its source. Absent from the answers of workers built before they were added; the API then
   * falls back to `describe()`.
   */
  status?: ReviewStatus;
  startedAt?: string;
  repository?: string;
  source?: ReviewSource;
}
