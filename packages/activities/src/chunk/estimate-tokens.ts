/**
 * A conservative token count for budgeting before a model call: about four characters per token is
 * what BPE tokenizers average on English and code, and rounding up keeps short texts from costing 0.
 * Exact counts come back from the model in `usage`; this only decides whether to make the call.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
