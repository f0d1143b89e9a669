import { Context } from '@temporalio/activity';
import { currentReviewKey } from './current-review-key.js';
import type { Embedder } from './embed/embedder.js';
import type { Chunk, ChunkSummary } from './model/changeset.js';
import type { ComponentInfo } from './model/component-info.js';
import type { ArtifactStore } from './store/artifact-store.js';
import { toApplicationFailure } from './to-application-failure.js';

/** What the GPU activities need from the outside world. */
export interface GpuActivityDeps {
  store: ArtifactStore;
  embedder: Embedder;
  /** Chunks embedded per model call and per heartbeat. */
  batchSize?: number;
}

export interface EmbedChunksResult {
  /** One artifact per batch, in chunk order; each holds `{ ids, vectors }`. */
  batchRefs: string[];
  embedded: number;
  dimensions: number;
  embedder: ComponentInfo;
  /** Batches this attempt computed; fewer than `batchRefs.length` when it resumed from a heartbeat. */
  batchesComputed: number;
  /** The batch this attempt started at (0 unless it resumed). */
  resumedFromBatch: number;
}

/** Heartbeat details of `embedChunks`: the references of the batches stored so far. */
interface EmbedProgress {
  batchRefs: string[];
}

function chunkText(chunk: Chunk): string {
  return chunk.hunks.flatMap((h) => h.lines.filter((l) => l.kind !== 'del').map((l) => l.text)).join('\n');
}

/**
 * The activities of the `reviewflow-gpu` task queue. Embedding is long-running: it heartbeats after
 * each batch and, when retried after a crash, resumes from the last heartbeat instead of starting over.
 */
export function createGpuActivities({ store, embedder, batchSize = 16 }: GpuActivityDeps) {
  return {
    /** Embeds the chunks batch by batch, storing every batch as an artifact before it heartbeats. */
    async embedChunks(input: { chunks: ChunkSummary[] }): Promise<EmbedChunksResult> {
      const ctx = Context.current();
      const batches = Math.ceil(input.chunks.length / batchSize);
      // Batches listed in the last heartbeat were stored by an earlier attempt: keep, don't redo.
      const progress = ctx.info.heartbeatDetails as EmbedProgress | undefined;
      const batchRefs = (progress?.batchRefs ?? []).slice(0, batches);
      const start = batchRefs.length;
      let computed = 0;
      try {
        for (let b = start; b < batches; b++) {
          const key = currentReviewKey(`embeddings-b${String(b).padStart(5, '0')}.json`);
          ctx.cancellationSignal.throwIfAborted();
          const slice = input.chunks.slice(b * batchSize, (b + 1) * batchSize);
          const chunks = await Promise.all(slice.map((c) => store.get<Chunk>(c.ref)));
          const vectors = await embedder.embed(chunks.map(chunkText));
          const { ref } = await store.put(key, { ids: slice.map((c) => c.id), vectors });
          batchRefs.push(ref);
          computed++;
          ctx.heartbeat({ batchRefs } satisfies EmbedProgress);
        }
      } catch (err) {
        throw toApplicationFailure(err);
      }
      return {
        batchRefs,
        embedded: input.chunks.length,
        dimensions: embedder.dimensions,
        embedder: embedder.info,
        batchesComputed: computed,
        resumedFromBatch: start,
      };
    },
  };
}

/** The GPU activity interface, as workflows see it (type-only import). */
export type GpuActivities = ReturnType<typeof createGpuActivities>;
