import { Context } from '@temporalio/activity';
import type { Chunk, ChunkSummary, ComponentInfo, Finding, TokenUsage } from '@reviewflow/contract';
import { recordChunkReview } from '../record-review-activity-metrics.js';
import { loadEmbeddings } from '../retrieve/load-embeddings.js';
import { topKRelated } from '../retrieve/top-k-related.js';
import type { ArtifactStore } from '../store/artifact-store.js';
import { currentReviewKey } from '../current-review-key.js';
import { toApplicationFailure } from '../to-application-failure.js';
import { InvalidModelOutputError } from './review-findings-schema.js';
import type { Reviewer } from './reviewer.js';
import { reviewerOutputOf } from './reviewer-output.js';

/** Input of `reviewChunk` (on the CPU queue, or on the GPU queue next to a local model). */
export interface ReviewChunkInput {
  chunk: ChunkSummary;
  /** The review's stored embeddings, for the chunk's `topK` most related chunks as context. */
  related?: { batchRefs: string[]; topK: number };
  /** Model tokens the review may still spend; absent: no budget. */
  tokenBudgetRemaining?: number;
  /** Fail the chunk instead of falling back to the rules alone when the model stays unavailable. */
  modelRequired?: boolean;
}

export interface ReviewChunkResult {
  findings: Finding[];
  reviewer: ComponentInfo;
  /** Every reviewer that looked at the chunk (rules and model), when more than one did. */
  reviewers?: ComponentInfo[];
  /** Model tokens this chunk took (absent for the offline reviewer). */
  usage?: TokenUsage;
  modelCalls?: number;
  redactions?: number;
  findingsOutsideDiff?: number;
  /** Set when the chunk was not reviewed because the token budget was spent. */
  skipped?: 'token-budget';
  /** Set when only the rules reviewed the chunk because the model stayed unavailable: why. */
  rulesOnly?: string;
}

/** What a caller reviewing several chunks already has in hand, so it is not read again per chunk. */
export interface PreloadedChunk {
  /** The chunk itself, read ahead while the previous chunk was reviewed. */
  chunk?: Promise<Chunk>;
  /** The review's embeddings, read once for all chunks of a batch. */
  embeddings?: () => Promise<Map<string, number[]>>;
}

/**
 * Reviews one stored chunk with `reviewer`, with its most related chunks (by the review's stored
 * embeddings) as context. Pure: a retry has no side effect. Shared by both task queues' activities.
 */
export async function reviewStoredChunk(
  store: ArtifactStore,
  reviewer: Reviewer,
  input: ReviewChunkInput,
  loaded: PreloadedChunk = {},
): Promise<ReviewChunkResult> {
  let chunk: Chunk;
  let related: Chunk[] = [];
  try {
    chunk = await (loaded.chunk ?? store.get<Chunk>(input.chunk.ref));
    // The offline rules read one line at a time, so context would be loaded for nothing.
    if (input.related && input.related.topK > 0 && !reviewer.info.offline) {
      const { batchRefs } = input.related;
      const embeddings = await (loaded.embeddings ? loaded.embeddings() : loadEmbeddings(store, batchRefs));
      const ids = topKRelated(chunk.id, embeddings, input.related.topK).map((r) => r.id);
      // Chunk keys are deterministic, so a related chunk is found by id without a lookup table.
      related = await Promise.all(ids.map((id) => store.get<Chunk>(store.ref(currentReviewKey(`chunk-${id}.json`)))));
    }
  } catch (err) {
    throw toApplicationFailure(err);
  }
  let output;
  try {
    output = reviewerOutputOf(
      await reviewer.review(chunk, {
        related,
        signal: Context.current().cancellationSignal,
        ...(input.tokenBudgetRemaining === undefined ? {} : { tokenBudgetRemaining: input.tokenBudgetRemaining }),
        ...(input.modelRequired ? { modelRequired: true } : {}),
      }),
    );
  } catch (err) {
    // Failed calls were paid for: they count in the tokens metric even though the chunk failed.
    if (err instanceof InvalidModelOutputError && err.spent)
      recordChunkReview({ findings: [], usage: err.spent.usage }, reviewer.info);
    throw toApplicationFailure(err);
  }
  recordChunkReview(output, reviewer.info);
  const { findings, usage, modelCalls, redactions, findingsOutsideDiff, skipped, rulesOnly } = output;
  return {
    findings,
    reviewer: reviewer.info,
    ...(reviewer.reviewers ? { reviewers: reviewer.reviewers } : {}),
    ...(usage ? { usage } : {}),
    ...(modelCalls === undefined ? {} : { modelCalls }),
    ...(redactions === undefined ? {} : { redactions }),
    ...(findingsOutsideDiff === undefined ? {} : { findingsOutsideDiff }),
    ...(skipped ? { skipped } : {}),
    ...(rulesOnly ? { rulesOnly } : {}),
  };
}
