import type { Embedder, Reviewer } from '@reviewflow/activities';
import {
  reviewWorkflowType,
  TaskQueue,
  type Chunk,
  type ComponentInfo,
  type ReviewReport,
  type GitSource,
} from '@reviewflow/contract';
import { createGpuWorker, loadGpuWorkerConfig } from '@reviewflow/worker-gpu';
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { nowMs } from '../elapsed-ms.js';
import { activitySpans, busyOf, wallOf } from './activity-spans.js';
import { spreadOf, type Spread } from './spread.js';

/** Where the reviews of a throughput comparison run. */
export interface ReviewRig {
  client: Client;
  connection: NativeConnection;
  /** worker-gpu's environment (data dir, Temporal address, batch size). */
  env: Record<string, string>;
}

/** One side-by-side throughput comparison: chunks/s in the activity, in a tight loop, and their ratio. */
export interface ThroughputComparison {
  chunks: number;
  activityPerSec: Spread;
  directPerSec: Spread;
  /** Per round: activity ÷ direct of the same round. */
  ratio: Spread;
  /** Anything else a reader needs to trust the figures (tokens per side, failed chunks). */
  notes: Record<string, unknown>;
}

async function runReview(rig: ReviewRig, source: GitSource, id: string): Promise<string> {
  const report = (await rig.client.workflow.execute(reviewWorkflowType, {
    taskQueue: TaskQueue.cpu,
    workflowId: id,
    args: [{ source }],
  })) as ReviewReport;
  if (report.outcome !== 'completed') throw new Error(`review ${id} ended ${report.outcome}`);
  return id;
}

/**
 * `embedChunks` inside a real review on a real worker-gpu against the same embedder on the same
 * texts, batch by batch as the activity sent them, in one process. Rounds alternate which side goes
 * first (the first round must be the activity: it records the texts).
 */
export async function compareEmbedding(
  rig: ReviewRig,
  embedder: Embedder,
  source: GitSource,
  rounds: number,
  log: (line: string) => void,
): Promise<ThroughputComparison> {
  let batches: string[][] | undefined;
  let recording: string[][] = [];
  const recorder: Embedder = {
    info: embedder.info,
    dimensions: embedder.dimensions,
    ...(embedder.provider === undefined ? {} : { provider: embedder.provider }),
    embed: (texts, signal) => {
      recording.push([...texts]);
      return embedder.embed(texts, signal);
    },
  };
  const gpu = await createGpuWorker(loadGpuWorkerConfig(rig.env), rig.connection, {
    embedder: recorder,
    reviewer: null,
  });
  const activity: number[] = [];
  const direct: number[] = [];
  const ratios: number[] = [];
  let chunks = 0;
  const onActivity = async (round: number) => {
    recording = [];
    const id = await runReview(rig, source, `bench-models-embed-${Date.now()}-${round}`);
    const ms = wallOf(await activitySpans(rig.client.workflow.getHandle(id)), 'embedChunks');
    batches ??= recording;
    chunks = recording.reduce((n, b) => n + b.length, 0);
    activity.push((chunks / ms) * 1000);
  };
  const onDirect = async () => {
    const start = nowMs();
    for (const texts of batches!) await embedder.embed(texts);
    direct.push((batches!.reduce((n, b) => n + b.length, 0) / (nowMs() - start)) * 1000);
  };
  await gpu.runUntil(async () => {
    for (let round = 0; round < rounds; round++) {
      for (const side of round % 2 === 0 ? [onActivity, onDirect] : [onDirect, onActivity]) await side(round);
      ratios.push(activity.at(-1)! / direct.at(-1)!);
      log(
        `embedding round ${round + 1}: activity ${activity.at(-1)!.toFixed(1)}/s, direct ${direct.at(-1)!.toFixed(1)}/s`,
      );
    }
  });
  return {
    chunks,
    activityPerSec: spreadOf(activity),
    directPerSec: spreadOf(direct),
    ratio: spreadOf(ratios),
    notes: { batches: batches?.map((b) => b.length), embedder: embedder.info.name },
  };
}

type LocalReviewer = Reviewer & { reviewers?: ComponentInfo[] };

/**
 * `reviewChunksOnGpu` (a lane's batch of chunks) inside a real review against `direct` (the bare LLM reviewer over the same
 * model) on the same chunks with the same related context, one after another, in one process. The
 * activity side is the wall time from the first chunk's start to the last one's completion, in
 * server time: what a review waits for.
 */
export async function compareLlmReview(
  rig: ReviewRig,
  embedder: Embedder,
  reviewer: LocalReviewer,
  direct: Reviewer,
  source: GitSource,
  rounds: number,
  log: (line: string) => void,
): Promise<ThroughputComparison> {
  let inputs: Array<{ chunk: Chunk; related: Chunk[] }> | undefined;
  let recording: Array<{ chunk: Chunk; related: Chunk[] }> = [];
  const tokens = { activity: 0, direct: 0 };
  const recorder: LocalReviewer = {
    info: reviewer.info,
    ...(reviewer.reviewers ? { reviewers: reviewer.reviewers } : {}),
    review: async (chunk, context) => {
      recording.push({ chunk, related: context?.related ?? [] });
      const output = await reviewer.review(chunk, context);
      if (!Array.isArray(output)) tokens.activity += output.usage?.outputTokens ?? 0;
      return output;
    },
  };
  const gpu = await createGpuWorker(loadGpuWorkerConfig(rig.env), rig.connection, {
    embedder,
    reviewer: recorder,
  });
  const activity: number[] = [];
  const busy: number[] = [];
  const directRates: number[] = [];
  const ratios: number[] = [];
  let directFailures = 0;
  const onActivity = async (round: number) => {
    recording = [];
    const id = await runReview(rig, source, `bench-models-llm-${Date.now()}-${round}`);
    const spans = await activitySpans(rig.client.workflow.getHandle(id));
    // Chunks, not activities: one activity reviews a batch of them.
    const count = recording.length;
    inputs ??= recording;
    activity.push((count / wallOf(spans, 'reviewChunksOnGpu')) * 1000);
    busy.push((count / busyOf(spans, 'reviewChunksOnGpu')) * 1000);
  };
  const onDirect = async () => {
    const start = nowMs();
    for (const { chunk, related } of inputs!) {
      try {
        const output = await direct.review(chunk, { related });
        if (!Array.isArray(output)) tokens.direct += output.usage?.outputTokens ?? 0;
      } catch {
        directFailures++;
      }
    }
    directRates.push((inputs!.length / (nowMs() - start)) * 1000);
  };
  await gpu.runUntil(async () => {
    for (let round = 0; round < rounds; round++) {
      for (const side of round % 2 === 0 ? [onActivity, onDirect] : [onDirect, onActivity]) await side(round);
      ratios.push(activity.at(-1)! / directRates.at(-1)!);
      log(
        `llm round ${round + 1}: activity ${activity.at(-1)!.toFixed(3)}/s, direct ${directRates.at(-1)!.toFixed(3)}/s`,
      );
    }
  });
  return {
    chunks: inputs?.length ?? 0,
    activityPerSec: spreadOf(activity),
    directPerSec: spreadOf(directRates),
    ratio: spreadOf(ratios),
    notes: {
      activityBusyPerSec: spreadOf(busy),
      outputTokensPerRound: { activity: tokens.activity / rounds, direct: tokens.direct / rounds },
      directFailures,
      relatedPerChunk: inputs?.map((i) => i.related.length),
    },
  };
}
