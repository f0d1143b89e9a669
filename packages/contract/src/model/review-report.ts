import type { AiReviewStats } from './ai-review-stats.js';
import type { ComponentInfo } from './component-info.js';
import type { Coverage } from './coverage.js';
import type { Finding } from './finding.js';
import type { ReviewSource } from './review-source.js';

/** A recorded approval decision. */
export interface ApprovalRecord {
  decision: 'approve' | 'reject';
  reason?: string;
  /** Who decided, when the caller identified itself. */
  approver?: string;
  /** ISO time the workflow recorded the decision. */
  decidedAt: string;
}

/** The typed result of a review: what the workflow returns and what publishing stores or posts. */
export interface ReviewReport {
  reviewId: string;
  source: ReviewSource;
  outcome: 'completed' | 'rejected';
  findings: Finding[];
  /** Findings beyond the kept maximum, counted but not listed. */
  findingsOmitted: number;
  coverage: Coverage;
  reviewer: ComponentInfo;
  /** Every reviewer of the change (the rules and the model) when more than one reviewed it. */
  reviewers?: ComponentInfo[];
  embedder: ComponentInfo;
  approval?: ApprovalRecord;
  counts: { files: number; chunks: number; additions: number; deletions: number };
  /** Artifact reference of the Markdown summary (reviews started before that step existed have none). */
  summaryRef?: string;
  /** Tokens, model calls, redactions and budget of the model side (reviews from before it have none). */
  ai?: AiReviewStats;
}
