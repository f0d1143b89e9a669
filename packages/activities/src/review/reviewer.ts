import type { Chunk, ComponentInfo, Finding } from '@reviewflow/contract';
import type { ReviewerOutput } from './reviewer-output.js';

/** What a reviewer may use besides the chunk itself. */
export interface ReviewContext {
  /** The most related other chunks of the change (top-k by embedding similarity), most related first. */
  related?: Chunk[];
  /** Model tokens the review may still spend; a model reviewer skips the chunk rather than exceed it. */
  tokenBudgetRemaining?: number;
  /** The review fails rather than fall back to the rules alone when its model stays unavailable. */
  modelRequired?: boolean;
  /** The activity's cancellation. */
  signal?: AbortSignal;
}

/** Reviews one chunk of a diff. Findings must name added lines of the chunk only. */
export interface Reviewer {
  readonly info: ComponentInfo;
  /** The reviewers behind this one, when it combines several (rules and a model). */
  readonly reviewers?: ComponentInfo[];
  /** The findings, or findings plus the token usage a model reported (it feeds the tokens metric). */
  review(chunk: Chunk, context?: ReviewContext): Promise<Finding[] | ReviewerOutput>;
}
