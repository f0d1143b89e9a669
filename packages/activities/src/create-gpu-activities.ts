import type { Chunk, ChunkSummary, ComponentInfo } from '@reviewflow/contract';
import { Context } from '@temporalio/activity';
import { currentReviewKey } from './current-review-key.js';
import type { Embedder } from './embed/embedder.js';
import { recordChunksEmbedded } from './record-review-activity-metrics.js';
import { redactSecrets } from './redact/redact-secrets.js';
import type { ArtifactStore } from './store/artifact-store.js';
import { toApplicationFailure } from './to-application-failure.js';
import { heartbeatWhileRunning } from './heartbeat-while-running.js';
import type { EmbeddingBatch, EmbeddingModelStamp } from './retrieve/load-embeddings.js';
import type { Reviewer } from './review/reviewer.js';
import { reviewStoredChunk, type ReviewChunkInput, type ReviewChunkResult } from './review/review-stored-chunk.js';
import { reviewStoredChunks, type ReviewChunksInput, type ReviewChunksResult } from './review/review-stored-chunks.js';

/** What the GPU activities need from the outside world. */
export interface GpuActivityDeps {
  store: ArtifactStore;
  embedder: Embedder;
  /** The reviewer next to a local model on this worker, for `reviewChunkOnGpu`; none: that activity is not offered. */
  reviewer?: Reviewer;
  /** Chunks embedded per model call and per heartbeat. */
  batchSize?: number;
}

export interface EmbedChunksResult {
  /** One artifact per batch, in chunk order; each holds `{ ids, vectors }`. */
  batchRefs: string[];
  embedded: number;
  dimensions: number;
  embedder: ComponentInfo;
  /** What ran the embedder, as stored with the vectors. */
  embeddingProvider?: string;
  /**
   * The reviewer of the model this GPU worker runs in process, when it has one: the workflow then
   * reviews the chunks with `reviewChunkOnGpu` on this queue, so model calls take GPU slots.
   */
  localReviewer?: ComponentInfo;
  /** Batches this attempt computed. */
  batchesComputed: number;
  /** Batches an earlier attempt had stored, which this attempt reused instead of computing again. */
  batchesReused: number;
  /** Credential values replaced in text this attempt sent to a (non-offline) embedding model. */
  redactions?: number;
}

/** Heartbeat details of `embedChunks`: how many batches are stored, for progress and resumption. */
interface EmbedProgress {
  batchesStored: number;
}

function chunkText(chunk: Chunk): string {
  return chunk.hunks.flatMap((h) => h.lines.filter((l) => l.kind !== 'del').map((l) => l.text)).join('\n');
}

/**
 * The activities of the `reviewflow-gpu` task queue. Embedding is long-running: it heartbeats after
 * each batch and, when retried after a crash, resumes after the last stored batch instead of starting over.
 */
export function createGpuActivities({ store, embedder, reviewer, batchSize = 16 }: GpuActivityDeps) {
  const stamp: EmbeddingModelStamp = {
    name: embedder.info.name,
    provider: embedder.provider ?? (embedder.info.offline ? 'reviewflow' : 'unknown'),
    dimensions: embedder.dimensions,
  };
  const reviewing = reviewer
    ? heartbeatWhileRunning({
        /**
         * Reviews one stored chunk with the rules and the model this worker runs in process. On the
         * GPU queue so that model calls count against the GPU's activity slots.
         */
        async reviewChunkOnGpu(input: ReviewChunkInput): Promise<ReviewChunkResult> {
          return reviewStoredChunk(store, reviewer, input);
        },
        /** A lane's batch of chunks, one after another: still one model call per GPU slot at a time. */
        async reviewChunksOnGpu(input: ReviewChunksInput): Promise<ReviewChunksResult> {
          return reviewStoredChunks(store, reviewer, input);
        },
      })
    : {};
  return {
    ...(reviewing as Partial<{
      reviewChunkOnGpu(input: ReviewChunkInput): Promise<ReviewChunkResult>;
      reviewChunksOnGpu(input: ReviewChunksInput): Promise<ReviewChunksResult>;
    }>),
    /** Embeds the chunks batch by batch, storing every batch as an artifact before it heartbeats. */
    async embedChunks(input: { chunks: ChunkSummary[] }): Promise<EmbedChunksResult> {
      const ctx = Context.current();
      const batches = Math.ceil(input.chunks.length / batchSize);
      // A retry resumes where the last attempt stopped. The heartbeat says where that was, but
      // heartbeats are throttled and may lag; the store is the truth, so every stored batch is
      // reused and only missing ones are computed.
      const progress = ctx.info.heartbeatDetails as EmbedProgress | undefined;
      const start = Math.min(progress?.batchesStored ?? 0, batches);
      const batchRefs: string[] = [];
      let computed = 0;
      let redactions = 0;
      try {
        for (let b = 0; b < batches; b++) {
          const key = currentReviewKey(`embeddings-b${String(b).padStart(5, '0')}.json`);
          const ref = store.ref(key);
          if (b < start || (await store.has(ref))) {
            batchRefs.push(ref);
            continue;
          }
          ctx.cancellationSignal.throwIfAborted();
          const slice = input.chunks.slice(b * batchSize, (b + 1) * batchSize);
          const chunks = await Promise.all(slice.map((c) => store.get<Chunk>(c.ref)));
          let texts = chunks.map(chunkText);
          // Text leaves the worker only for a model server; the offline embedder hashes in process.
          if (!embedder.info.offline) {
            texts = texts.map((text, i) => {
              const redacted = redactSecrets(text, chunks[i]?.file ?? '');
              redactions += redacted.redactions;
              return redacted.text;
            });
          }
          const vectors = await embedder.embed(texts, ctx.cancellationSignal);
          if (vectors.some((v) => v.length !== embedder.dimensions)) {
            throw new Error(
              `${embedder.info.name} answered vectors of another dimension than its probed ${embedder.dimensions}`,
            );
          }
          await store.put(key, { ids: slice.map((c) => c.id), vectors, model: stamp } satisfies EmbeddingBatch);
          batchRefs.push(ref);
          computed++;
          recordChunksEmbedded(slice.length, embedder.info);
          ctx.heartbeat({ batchesStored: b + 1 } satisfies EmbedProgress);
        }
      } catch (err) {
        throw toApplicationFailure(err);
      }
      return {
        batchRefs,
        embedded: input.chunks.length,
        dimensions: embedder.dimensions,
        embedder: embedder.info,
        embeddingProvider: stamp.provider,
        ...(reviewer ? { localReviewer: reviewer.info } : {}),
        batchesComputed: computed,
        batchesReused: batches - computed,
        ...(embedder.info.offline ? {} : { redactions }),
      };
    },
  };
}

/** The GPU activity interface, as workflows see it (type-only import); `reviewChunkOnGpu` only where a local model runs. */
export type GpuActivities = Required<ReturnType<typeof createGpuActivities>>;
