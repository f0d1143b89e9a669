import type { ArtifactStore } from '../store/artifact-store.js';

/** One stored batch of `embedChunks`. */
export interface EmbeddingBatch {
  ids: string[];
  vectors: number[][];
}

/** Every chunk's vector from the stored embedding batches of a review, by chunk id. */
export async function loadEmbeddings(
  store: ArtifactStore,
  batchRefs: readonly string[],
): Promise<Map<string, number[]>> {
  const byId = new Map<string, number[]>();
  for (const batch of await Promise.all(batchRefs.map((ref) => store.get<EmbeddingBatch>(ref)))) {
    batch.ids.forEach((id, i) => {
      const vector = batch.vectors[i];
      if (vector !== undefined) byId.set(id, vector);
    });
  }
  return byId;
}
