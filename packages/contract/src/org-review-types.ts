import type { ReviewSource } from './model/review-source.js';
import type { Tier } from './tiers.js';

/** Limits of organisation runs, shared by the API's validation and the workflow. */
export const OrgReviewLimits = {
  maxRepositories: 5000,
  defaultParallelReviews: 10,
  maxParallelReviews: 100,
  /**
   * A run hands the rest of its batch to a new run past this many history events (or when Temporal
   * suggests it): far below the 51 200-event hard limit, so histories stay quick to replay.
   */
  defaultHistoryEventsThreshold: 10_000,
  /** Failures listed by name in progress and results; more are counted only. */
  maxListedFailures: 50,
} as const;

/** A repository of an organisation run: a git source whose revisions may still be symbolic. */
export type OrgRepository = ReviewSource;

/** Counts carried from one run of a long batch to the next (continue-as-new). */
export interface OrgReviewCarry {
  /** Index of the next repository to start. */
  next: number;
  completed: number;
  failed: number;
  failures: { index: number; repository: string; reviewId: string; reason: string }[];
  alerted: boolean;
  /** Runs before this one. */
  continuedRuns: number;
}

/** Input of the `reviewOrganization` workflow. */
export interface OrgReviewInput {
  org: string;
  tier: Tier;
  repositories: OrgRepository[];
  maxParallelReviews?: number;
  /** Tests lower it to make a small batch continue-as-new. */
  historyEventsThreshold?: number;
  carry?: OrgReviewCarry;
}

/** Progress of an organisation run, as its query reports it. */
export interface OrgReviewProgress {
  org: string;
  tier: Tier;
  taskQueue: string;
  total: number;
  completed: number;
  failed: number;
  running: number;
  pending: number;
  alerted: boolean;
  continuedRuns: number;
  failures: OrgReviewCarry['failures'];
}

/** The result of an organisation run. */
export type OrgReviewResult = Omit<OrgReviewProgress, 'running' | 'pending'>;
