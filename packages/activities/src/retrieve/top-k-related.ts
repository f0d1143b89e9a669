import { cosineSimilarity } from '../embed/cosine-similarity.js';

/** Another chunk and how similar it is to the one under review. */
export interface RelatedChunk {
  id: string;
  score: number;
}

/**
 * The `k` chunks most similar to `targetId` by cosine similarity of their embeddings, most similar
 * first, the target itself and chunks at or below `minScore` left out (an unrelated chunk only costs
 * prompt tokens). Ties go to the lower id, so the same vectors always give the same context.
 */
export function topKRelated(
  targetId: string,
  embeddings: ReadonlyMap<string, number[]>,
  k: number,
  minScore = 0,
): RelatedChunk[] {
  const target = embeddings.get(targetId);
  if (target === undefined || k <= 0) return [];
  const scored: RelatedChunk[] = [];
  for (const [id, vector] of embeddings) {
    if (id === targetId) continue;
    const score = cosineSimilarity(target, vector);
    if (score > minScore) scored.push({ id, score });
  }
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, k);
}
