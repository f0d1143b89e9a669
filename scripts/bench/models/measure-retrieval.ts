import type { Embedder } from '@reviewflow/activities';
import type { RetrievalCase } from './retrieval-set.js';

/** How one embedder ranks each case's related chunk among its candidates, by cosine similarity. */
export interface RetrievalScore {
  embedder: string;
  cases: number;
  /** Share of cases whose related chunk ranks first. */
  hitAt1: number;
  /** Mean rank of the related chunk (1 = first). */
  meanRank: number;
  ranks: Array<{ name: string; rank: number; candidates: number }>;
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: readonly number[]) => Math.sqrt(dot(a, a)) || 1;
const cosine = (a: readonly number[], b: readonly number[]) => dot(a, b) / (norm(a) * norm(b));

/** Ranks each case's related chunk among related + unrelated; a tie ranks it behind the others. */
export async function scoreRetrieval(embedder: Embedder, set: readonly RetrievalCase[]): Promise<RetrievalScore> {
  const ranks: RetrievalScore['ranks'] = [];
  for (const c of set) {
    const [query, related, ...unrelated] = await embedder.embed([c.query, c.related, ...c.unrelated]);
    const target = cosine(query!, related!);
    const rank = 1 + unrelated.filter((v) => cosine(query!, v) >= target).length;
    ranks.push({ name: c.name, rank, candidates: 1 + unrelated.length });
  }
  return {
    embedder: embedder.info.name,
    cases: set.length,
    hitAt1: ranks.filter((r) => r.rank === 1).length / ranks.length,
    meanRank: ranks.reduce((s, r) => s + r.rank, 0) / ranks.length,
    ranks,
  };
}
