import type { ArtifactStore } from '../store/artifact-store.js';

/** One stored batch of `embedChunks`. */
export interface EmbeddingBatch {
  ids: string[];
  vectors: number[][];
  /** The model that made the vectors; absent in batches stored before it was recorded. */
  model?: EmbeddingModelStamp;
}

/** Which model, run by what, made a vector: vectors of different stamps are never compared. */
export interface EmbeddingModelStamp {
  name: string;
  provider: string;
  dimensions: number;
}

const stampKey = (m: EmbeddingModelStamp | undefined) =>
  m === undefined ? 'unrecorded' : `${m.name}\u0000${m.dimensions}`;

/**
 * Every chunk's vector from the stored embedding batches of a review, by chunk id. Should the
 * batches come from different models (a worker-gpu fleet mid-upgrade, a retry on another node),
 * only the vectors of the model that made most of them are returned: a cosine between two models'
 * spaces means nothing. Where the name and dimension agree the runtime may differ (CUDA or CPU run
 * the same weights).
 */
export async function loadEmbeddings(
  store: ArtifactStore,
  batchRefs: readonly string[],
): Promise<Map<string, number[]>> {
  const batches = await Promise.all(batchRefs.map((ref) => store.get<EmbeddingBatch>(ref)));
  const votes = new Map<string, number>();
  for (const batch of batches)
    votes.set(stampKey(batch.model), (votes.get(stampKey(batch.model)) ?? 0) + batch.ids.length);
  const chosen = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const byId = new Map<string, number[]>();
  for (const batch of batches) {
    if (stampKey(batch.model) !== chosen) continue;
    batch.ids.forEach((id, i) => {
      const vector = batch.vectors[i];
      if (vector !== undefined) byId.set(id, vector);
    });
  }
  return byId;
}
