import type { TokenUsage } from './token-usage.js';

/** What the model side of a review cost and changed, summed over its chunks. */
export interface AiReviewStats {
  /** Tokens the models reported, over every call (retries of invalid answers included). */
  tokens: TokenUsage;
  /** The per-review limit the request set, if any. */
  tokenBudget?: number;
  /** True when the budget stopped model calls; coverage then names the chunks' files `token-budget`. */
  budgetExhausted: boolean;
  /** Chunks left unreviewed because the budget was spent. */
  chunksSkippedForBudget: number;
  modelCalls: number;
  /** Credential values replaced in text sent to the reviewer model. */
  redactions: number;
  /** Findings a model put on lines the change does not add; dropped from the findings. */
  findingsOutsideDiff: number;
  /** Chunks only the rules reviewed because the model stayed unavailable (absent before it was counted). */
  chunksRulesOnly?: number;
}
