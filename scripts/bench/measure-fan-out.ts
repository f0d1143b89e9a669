import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@reviewflow/devkit';
import { installWorkerRuntime } from '@reviewflow/worker-runtime';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import { createGpuWorker, loadGpuWorkerConfig } from '@reviewflow/worker-gpu';
import { ReviewLimits } from '@reviewflow/contract';
import type { Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createCommitChain } from './create-commit-chain.js';
import { expectedReviewEvents, historyFigures } from './history-figures.js';
import { percentile } from './percentile.js';
import { bucketDelta, histogramBuckets, histogramQuantile, type Buckets } from './prometheus-histogram.js';
import { startReviewDirectly } from './start-review-directly.js';
import { fanOutLoss, type FanOutLoss } from './fan-out-loss.js';
import { TimedReviewer } from './timed-reviewer.js';
import { roundFigure, type RoundFigure } from './compare-in-rounds.js';

/** One fan-out run: N chunk reviews of `durationMs` each with K in flight. */
export interface FanOutRun {
  k: number;
  round: number;
  /** The review's `chunksPerActivity`: the default batches, or 1 (one activity per chunk). */
  chunksPerActivity: number;
  /** Chunk-review activities the review scheduled. */
  chunkActivities: number;
  chunks: number;
  durationMs: number;
  /** ceil(N/K)·d: the time a perfect scheduler would take. */
  idealMs: number;
  /** From the first chunk review's start to the last one's end. */
  measuredMs: number;
  /** idealMs / measuredMs; 1 is perfect. */
  efficiency: number;
  peakInFlight: number;
  /** Where the time above the ideal went. */
  loss: FanOutLoss;
  /** History length of this review, and what the workflow code should produce. */
  events: number;
  expectedEvents: { min: number; max: number };
}

/** Efficiency at one K over the rounds: batched (the default) and one activity per chunk. */
export interface FanOutSummary {
  k: number;
  batched: RoundFigure;
  perChunk: RoundFigure;
}

/** What {@link measureFanOut} returns. */
export interface FanOutFigures {
  rounds: number;
  /** The default `chunksPerActivity` the batched runs used. */
  chunksPerActivity: number;
  runs: FanOutRun[];
  byK: FanOutSummary[];
  /**
   * Schedule-to-start in ms over all runs: `metrics` from the SDK's Prometheus histogram of the CPU
   * queue (every CPU activity, bucket-interpolated like histogram_quantile), `history` exact from
   * the chunk-review activities' events' timestamps.
   */
  scheduleToStart: {
    metrics: { p95: number; p99: number; count: number };
    history: { p95: number; p99: number; count: number };
  };
}

const scheduleToStartMetric = 'temporal_activity_schedule_to_start_latency_seconds';

/**
 * Fan-out efficiency, in alternating rounds: at every K the same review with the default batches of
 * chunks per activity and with one activity per chunk (`chunksPerActivity: 1`), on workers in this process (production factories, the reviewer replaced by
 * one of fixed duration), with the SDK's Prometheus exporter on, so schedule-to-start comes from
 * the same histogram the dashboard reads. Must run before anything else in the process creates a
 * Temporal worker connection (the SDK runtime is installed once per process), and while no other
 * worker polls the review task queues.
 */
export async function measureFanOut(
  client: Client,
  options: {
    address: string;
    workflowBundlePath: string;
    chunks: number;
    durationMs: number;
    ks: number[];
    rounds: number;
  },
): Promise<FanOutFigures> {
  const metricsPort = await freePort();
  installWorkerRuntime({
    service: 'bench-workers',
    // The GPU worker's "no workflows registered" warning is expected here.
    logLevel: 'error',
    metrics: { host: '127.0.0.1', port: metricsPort },
  });
  const scrape = async (): Promise<Buckets> =>
    histogramBuckets(
      await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text(),
      scheduleToStartMetric,
      // The SDK labels it by task queue only; during the fan-out nearly all of them are reviewChunk.
      (labels) => labels.includes('task_queue="reviewflow-cpu"'),
    );
  const dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-bench-fanout-'));
  const env = {
    TEMPORAL_ADDRESS: options.address,
    REVIEWFLOW_DATA_DIR: dataDir,
    SERVED_TIERS: 'starter',
    WORKFLOW_BUNDLE_PATH: options.workflowBundlePath,
    // Above every K, so the workflow's bound is the only one.
    MAX_CONCURRENT_ACTIVITIES: String(Math.max(...options.ks) * 2),
    LOG_LEVEL: 'warn',
  };
  const reviewer = new TimedReviewer(options.durationMs);
  const connection = await NativeConnection.connect({ address: options.address });
  const workers = [
    ...(await createCpuWorkers(loadCpuWorkerConfig(env), connection, { reviewer })),
    await createGpuWorker(loadGpuWorkerConfig(env), connection),
  ];
  const running = workers.map((w) => w.run());
  const perActivity = [ReviewLimits.maxChunksPerActivity, 1];
  const chain = createCommitChain({
    commits: options.rounds * options.ks.length * perActivity.length + 1,
    filesPerCommit: options.chunks,
  });
  try {
    // Warm-up (not measured): bundle loaded, code paths compiled, connections open.
    const [warmUp, ...sources] = chain.sources;
    await (await startReviewDirectly(client, { source: warmUp!, maxParallelChunks: 4 })).result();
    const histories: number[] = [];
    const before = await scrape();
    const runs: FanOutRun[] = [];
    let next = 0;
    for (let round = 0; round < options.rounds; round++) {
      for (const k of options.ks) {
        // Alternate which mode goes first, so drift on a busy machine favours neither.
        const order = round % 2 === 0 ? perActivity : [...perActivity].reverse();
        for (const chunksPerActivity of order) {
          reviewer.reset();
          const handle = await startReviewDirectly(client, {
            source: sources[next++]!,
            maxParallelChunks: k,
            chunksPerActivity,
          });
          await handle.result();
          if (reviewer.calls !== options.chunks) {
            throw new Error(`K=${k}: expected ${options.chunks} chunk reviews, the reviewer saw ${reviewer.calls}`);
          }
          const history = await historyFigures(handle);
          histories.push(
            ...history.scheduleToStartMs.filter((s) => s.activityType.startsWith('reviewChunk')).map((s) => s.ms),
          );
          const chunkActivities = (history.activities.reviewChunks ?? 0) + (history.activities.reviewChunk ?? 0);
          const idealMs = Math.ceil(options.chunks / k) * options.durationMs;
          const measuredMs = reviewer.lastEndMs - reviewer.firstStartMs;
          runs.push({
            k,
            round,
            chunksPerActivity,
            chunkActivities,
            chunks: options.chunks,
            durationMs: options.durationMs,
            idealMs,
            measuredMs,
            efficiency: idealMs / measuredMs,
            peakInFlight: reviewer.peakInFlight,
            loss: fanOutLoss(reviewer.spans, k),
            events: history.events,
            expectedEvents: expectedReviewEvents(chunkActivities),
          });
        }
      }
    }
    const efficiencyOf = (k: number, chunksPerActivity: number) =>
      roundFigure(runs.filter((r) => r.k === k && r.chunksPerActivity === chunksPerActivity).map((r) => r.efficiency));
    const delta = bucketDelta(await scrape(), before);
    return {
      rounds: options.rounds,
      chunksPerActivity: ReviewLimits.maxChunksPerActivity,
      runs,
      byK: options.ks.map((k) => ({
        k,
        batched: efficiencyOf(k, ReviewLimits.maxChunksPerActivity),
        perChunk: efficiencyOf(k, 1),
      })),
      scheduleToStart: {
        metrics: {
          p95: histogramQuantile(delta, 0.95) * 1000,
          p99: histogramQuantile(delta, 0.99) * 1000,
          count: delta.get(Infinity) ?? 0,
        },
        history: { p95: percentile(histories, 95), p99: percentile(histories, 99), count: histories.length },
      },
    };
  } finally {
    for (const w of workers) w.shutdown();
    await Promise.allSettled(running);
    await connection.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(chain.path, { recursive: true, force: true });
  }
}
