import type { EmbedChunksResult, ReviewChunkResult } from '@reviewflow/activities';
import {
  FailureType,
  coverageRatio,
  withChunksUnreviewed,
  ReviewLimits,
  type AiReviewStats,
  type ChunkSummary,
  type Coverage,
  type Finding,
  type ReviewInput,
  type ReviewProgress,
} from '@reviewflow/contract';
import { ApplicationFailure, patched } from '@temporalio/workflow';
import { planChunkBatches } from './plan-chunk-batches.js';
import { cpu, cpuBatch, gpu } from './review-activities.js';

/** What the review step starts from: the planned chunks and their coverage, and the stored embeddings. */
export interface ReviewChunksStep {
  input: ReviewInput;
  chunks: ChunkSummary[];
  coverage: Coverage;
  embedded: EmbedChunksResult;
  /** Updated as chunks are reviewed: counts, findings, reviewer, coverage and model stats. */
  progress: ReviewProgress;
}

/** What the review step leaves for the report. */
export interface ReviewedChunks {
  coverage: Coverage;
  /** Findings of every chunk, also those beyond {@link ReviewLimits.maxFindings}. */
  findingsSeen: number;
  /** Model tokens, calls and budget; absent on histories from before the ai-review patch. */
  ai?: AiReviewStats;
}

function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/**
 * The review step: every chunk reviewed by a pool of at most `maxParallelChunks` lanes, within the
 * token budget, then the coverage gate (`CoverageBelowMinimum` when the request demands more than
 * was reviewed). Commands are issued in the order of the recorded histories, so they replay.
 */
export async function reviewChunks({
  input,
  chunks,
  embedded,
  progress,
  ...step
}: ReviewChunksStep): Promise<ReviewedChunks> {
  let coverage = step.coverage;
  const parallel = Math.max(
    1,
    Math.min(input.maxParallelChunks ?? ReviewLimits.defaultParallelChunks, ReviewLimits.maxParallelChunks),
  );
  // Related context, the token budget and the model stats came after reviews were already running:
  // the budget decides which reviewChunk commands exist, so histories without this marker replay
  // (and running reviews continue) exactly as before.
  const aiReview = patched('ai-review');
  const tokenBudget = aiReview ? input.tokenBudget : undefined;
  const relatedChunks = Math.max(
    0,
    Math.min(input.relatedChunks ?? ReviewLimits.defaultRelatedChunks, ReviewLimits.maxRelatedChunks),
  );
  const ai: AiReviewStats = {
    tokens: { inputTokens: 0, outputTokens: 0 },
    ...(tokenBudget === undefined ? {} : { tokenBudget }),
    budgetExhausted: false,
    chunksSkippedForBudget: 0,
    modelCalls: 0,
    redactions: 0,
    findingsOutsideDiff: 0,
  };
  if (aiReview) progress.ai = ai;
  const tokensUsed = () => ai.tokens.inputTokens + ai.tokens.outputTokens;
  const unreviewed: ChunkSummary[] = [];
  const rulesOnlyFiles = new Set<string>();
  // Workers that never reported a local reviewer leave this false, so recorded histories replay.
  const onGpu = embedded.localReviewer !== undefined;
  let findingsSeen = 0;
  const apply = (chunk: ChunkSummary, result: ReviewChunkResult): void => {
    ai.tokens.inputTokens += result.usage?.inputTokens ?? 0;
    ai.tokens.outputTokens += result.usage?.outputTokens ?? 0;
    ai.modelCalls += result.modelCalls ?? 0;
    ai.redactions += result.redactions ?? 0;
    ai.findingsOutsideDiff += result.findingsOutsideDiff ?? 0;
    if (result.skipped === 'token-budget') {
      ai.budgetExhausted = true;
      unreviewed.push(chunk);
    }
    if (result.rulesOnly !== undefined) {
      ai.chunksRulesOnly = (ai.chunksRulesOnly ?? 0) + 1;
      rulesOnlyFiles.add(chunk.file);
    }
    progress.reviewer = result.reviewer;
    if (result.reviewers) progress.reviewers = result.reviewers;
    findingsSeen += result.findings.length;
    progress.findings = progress.findings
      .concat(result.findings)
      .sort(compareFindings)
      .slice(0, ReviewLimits.maxFindings);
    progress.counts.findings = findingsSeen;
    progress.counts.chunksReviewed++;
  };
  // Batches came after reviews were already running: histories without this marker replay (and
  // running reviews continue) with one activity per chunk. With a token budget each batch is one
  // chunk, so the budget is checked before every model call as before.
  const batched = patched('chunk-batches');
  const perActivity = Math.max(
    1,
    Math.min(input.chunksPerActivity ?? ReviewLimits.maxChunksPerActivity, ReviewLimits.maxChunksPerActivity),
  );
  const batches = batched
    ? planChunkBatches(chunks, parallel, tokenBudget === undefined ? perActivity : 1)
    : chunks.map((chunk) => [chunk]);
  let next = 0;
  // A fixed pool of lanes, each taking the next batch when its last one finishes: at most
  // `parallel` chunk reviews in flight (a batch reviews its chunks one after another), and never
  // fewer while batches remain. Lanes in flight when the budget runs out finish their chunk, so a
  // review may overshoot by up to `parallel - 1` calls.
  const lane = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      if (tokenBudget !== undefined && tokensUsed() >= tokenBudget) {
        ai.budgetExhausted = true;
        unreviewed.push(...batch);
        continue;
      }
      const shared = aiReview
        ? {
            related: { batchRefs: embedded.batchRefs, topK: relatedChunks },
            ...(tokenBudget === undefined ? {} : { tokenBudgetRemaining: Math.max(0, tokenBudget - tokensUsed()) }),
            ...(input.model?.required ? { modelRequired: true } : {}),
          }
        : {};
      // A GPU worker that runs a model in process reviews on its own queue, so model calls take GPU
      // slots. Decided by the recorded embedding result, so a replay takes the same queue.
      if (!batched) {
        const chunk = batch[0]!;
        const request = { chunk, ...shared };
        apply(chunk, onGpu ? await gpu.reviewChunkOnGpu(request) : await cpu.reviewChunk(request));
        continue;
      }
      const request = { chunks: batch, ...shared };
      const { results } = onGpu ? await gpu.reviewChunksOnGpu(request) : await cpuBatch.reviewChunks(request);
      results.forEach((result, i) => apply(batch[i]!, result));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, lane));
  if (unreviewed.length > 0) {
    // Chunk order, not completion order, so the coverage is the same on every replay.
    unreviewed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    ai.chunksSkippedForBudget = unreviewed.length;
    coverage = withChunksUnreviewed(coverage, unreviewed, 'token-budget');
    progress.coverage = coverage;
  }
  if (rulesOnlyFiles.size > 0) {
    coverage = {
      ...coverage,
      files: coverage.files.map((f) => (rulesOnlyFiles.has(f.file) ? { ...f, rulesOnly: true } : f)),
    };
    progress.coverage = coverage;
  }
  if (aiReview && input.minCoverage !== undefined && coverageRatio(coverage) < input.minCoverage) {
    const ratio = coverageRatio(coverage);
    throw ApplicationFailure.create({
      type: FailureType.CoverageBelowMinimum,
      message: `coverage ${(ratio * 100).toFixed(1)}% is below the required ${(input.minCoverage * 100).toFixed(1)}% (${ai.chunksSkippedForBudget} chunks left unreviewed by the token budget); see coverage.files`,
      nonRetryable: true,
      details: [{ ratio, minimum: input.minCoverage, ai }],
    });
  }
  return { coverage, findingsSeen, ...(aiReview ? { ai } : {}) };
}
