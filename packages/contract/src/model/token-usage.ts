/** Tokens a model reports having used for one review call. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}
