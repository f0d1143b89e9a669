import type { Finding } from '../model/finding.js';

/** Tokens a model reports having used for one review call. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** A reviewer's answer for one chunk when it has more to report than findings (model reviewers). */
export interface ReviewerOutput {
  findings: Finding[];
  /** Absent when the reviewer used no model or the model reported no usage. */
  usage?: TokenUsage;
}

/** Either shape a reviewer may answer with, as one {@link ReviewerOutput}. */
export function reviewerOutputOf(result: Finding[] | ReviewerOutput): ReviewerOutput {
  return Array.isArray(result) ? { findings: result } : result;
}
