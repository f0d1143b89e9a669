import { Context } from '@temporalio/activity';
import { currentReviewKey } from './current-review-key.js';
import type { Embedder } from './embed/embedder.js';
import type { Chunk, ChunkSummary } from './model/changeset.js';
import type { ComponentInfo } from './model/component-info.js';
import { recordChunksEmbedded } from './record-review-activity-metrics.js';
import { redactSecrets } from './redact/redact-secrets.js';
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
export function createGpuActivities({ store, embedder, batchSize = 16 }: GpuActivityDeps) {
  return {
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
          await store.put(key, { ids: slice.map((c) => c.id), vectors });
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
        batchesComputed: computed,
        batchesReused: batches - computed,
        ...(embedder.info.offline ? {} : { redactions }),
      };
    },
  };
}

/** The GPU activity interface, as workflows see it (type-only import). */
export type GpuActivities = ReturnType<typeof createGpuActivities>;
