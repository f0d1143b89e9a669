import { Context } from '@temporalio/activity';
import type { Chunk, ChunkSummary } from '@reviewflow/contract';
import { loadEmbeddings } from '../retrieve/load-embeddings.js';
import type { ArtifactStore } from '../store/artifact-store.js';
import { currentReviewKey } from '../current-review-key.js';
import { toApplicationFailure } from '../to-application-failure.js';
import type { Reviewer } from './reviewer.js';
import { reviewStoredChunk, type ReviewChunkInput, type ReviewChunkResult } from './review-stored-chunk.js';

/** Input of `reviewChunks`: several chunks for one lane, reviewed one after another. */
export interface ReviewChunksInput extends Omit<ReviewChunkInput, 'chunk'> {
  chunks: ChunkSummary[];
}

export interface ReviewChunksResult {
  /** One per input chunk, in input order. */
  results: ReviewChunkResult[];
  /** Chunks whose result an earlier attempt of this activity had stored, so this one did not review them again. */
  reused: number;
}

/**
 * Reviews `chunks` one at a time, so the activity takes one model slot like a single-chunk review
 * while the lane pays the hand-over between activities once per batch instead of once per chunk.
 * Each chunk's result but the last is stored: a retry after a crash or a failed chunk reviews only
 * the chunks whose results an earlier attempt stored. The token budget shrinks by what each chunk
 * spent, so the batch stops calling the model once it is gone.
 */
export async function reviewStoredChunks(
  store: ArtifactStore,
  reviewer: Reviewer,
  input: ReviewChunksInput,
): Promise<ReviewChunksResult> {
  const ctx = Context.current();
  const { chunks, tokenBudgetRemaining, ...rest } = input;
  const keys = chunks.map((chunk) => currentReviewKey(`chunk-${chunk.id}-review.json`));
  let budget = tokenBudgetRemaining;
  let reused = 0;
  const results: ReviewChunkResult[] = [];
  // A result is written while the next chunk is reviewed, so the write (with its fsync) is not a
  // gap between two model calls; all writes are done before the activity completes. A crash before
  // a write finished costs that chunk's review again, as it would without the store.
  const writes: Promise<unknown>[] = [];
  // The embeddings are read once for the batch, and each chunk while the one before it is reviewed.
  let embeddings: Promise<Map<string, number[]>> | undefined;
  const related = rest.related;
  const loadEmbeddingsOnce = related ? () => (embeddings ??= loadEmbeddings(store, related.batchRefs)) : undefined;
  const readAhead = (i: number): Promise<Chunk> | undefined => {
    const chunk = chunks[i];
    if (!chunk) return undefined;
    const read = store.get<Chunk>(chunk.ref);
    // Handled here so a failed read ahead cannot surface as an unhandled rejection; it fails the
    // chunk when that chunk awaits it.
    read.catch(() => undefined);
    return read;
  };
  try {
    // Only a batch of several chunks has results worth keeping for its retry; the last chunk's
    // result goes out with the activity's completion straight away.
    const keep = (i: number) => i < chunks.length - 1;
    const stored = await Promise.all(keys.map((key, i) => (keep(i) ? store.has(store.ref(key)) : false)));
    let next = stored[0] ? undefined : readAhead(0);
    for (const [i, chunk] of chunks.entries()) {
      let result: ReviewChunkResult;
      const current = next;
      next = stored[i + 1] ? undefined : readAhead(i + 1);
      if (stored[i]) {
        result = await store.get<ReviewChunkResult>(store.ref(keys[i]!));
        reused++;
      } else {
        ctx.cancellationSignal.throwIfAborted();
        result = await reviewStoredChunk(
          store,
          reviewer,
          {
            ...rest,
            chunk,
            ...(budget === undefined ? {} : { tokenBudgetRemaining: Math.max(0, budget) }),
          },
          {
            ...(current ? { chunk: current } : {}),
            ...(loadEmbeddingsOnce ? { embeddings: loadEmbeddingsOnce } : {}),
          },
        );
        if (keep(i)) {
          const write = store.put(keys[i]!, result);
          // Handled here so a failed write cannot surface as an unhandled rejection before it is awaited.
          write.catch(() => undefined);
          writes.push(write);
        }
      }
      if (budget !== undefined) budget -= (result.usage?.inputTokens ?? 0) + (result.usage?.outputTokens ?? 0);
      results.push(result);
      ctx.heartbeat();
    }
    await Promise.all(writes);
  } catch (err) {
    await Promise.allSettled(writes);
    throw toApplicationFailure(err);
  }
  return { results, reused };
}
