import type { Finding, TokenUsage } from '@reviewflow/contract';

/** A reviewer's answer for one chunk when it has more to report than findings (model reviewers). */
export interface ReviewerOutput {
  findings: Finding[];
  /** Absent when the reviewer used no model or the model reported no usage. */
  usage?: TokenUsage;
  /** Model calls made for this chunk, retries of invalid output included (model reviewers). */
  modelCalls?: number;
  /** Credential values replaced before the chunk and its context left for the model. */
  redactions?: number;
  /** Findings the model placed on lines this chunk does not add; dropped, only counted. */
  findingsOutsideDiff?: number;
  /** Findings the model's second look found not to be problems; dropped, only counted. */
  findingsRejectedOnSecondLook?: number;
  /** Set when the reviewer did not review the chunk because the review's token budget was spent. */
  skipped?: 'token-budget';
  /** Set when only the rules reviewed the chunk because its model stayed unavailable: why. */
  rulesOnly?: string;
}

/** Either shape a reviewer may answer with, as one {@link ReviewerOutput}. */
export function reviewerOutputOf(result: Finding[] | ReviewerOutput): ReviewerOutput {
  return Array.isArray(result) ? { findings: result } : result;
}
