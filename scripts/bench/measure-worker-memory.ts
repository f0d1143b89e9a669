import type { Client } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { parkReviews } from './measure-gateway.js';
import type { SourcePool } from './source-pool.js';
import { residentBytes } from './stack-processes.js';
import { startReviewDirectly } from './start-review-directly.js';
import { countOf, ReviewQuery, waitForCount } from './wait-for-count.js';

/** worker-cpu's resident size before and after `count` reviews parked at their approval gate. */
export interface IdleGrowth {
  count: number;
  beforeBytes: number;
  afterBytes: number;
  /** (after - before) / count: an upper bound, as garbage from running them may not be collected yet. */
  perWorkflowBytes: number;
  ids: string[];
}

/**
 * Parks `count` reviews at their approval gate, where each stays cached on worker-cpu as an idle
 * workflow, and measures how much worker-cpu grew per workflow.
 */
export async function measureIdleGrowth(
  client: Client,
  pool: SourcePool,
  workerPid: () => number,
  count: number,
): Promise<IdleGrowth> {
  await waitForCount(client, ReviewQuery.running, (n) => n === 0, 180_000);
  const already = await countOf(client, ReviewQuery.awaitingApproval);
  await sleep(1_000);
  const beforeBytes = residentBytes(workerPid()) ?? Number.NaN;
  const ids = await parkReviews(client, pool, count);
  await waitForCount(client, ReviewQuery.awaitingApproval, (n) => n >= already + count, 180_000, ReviewQuery.running);
  await sleep(1_000);
  const afterBytes = residentBytes(workerPid()) ?? Number.NaN;
  return { count, beforeBytes, afterBytes, perWorkflowBytes: (afterBytes - beforeBytes) / count, ids };
}

/** worker-cpu's resident size as completed reviews pile up. */
export interface Soak {
  /** Resident size of a freshly started worker-cpu, after its first review. */
  startBytes: number;
  points: Array<{ completed: number; bytes: number; elapsedMs: number }>;
  /** Completed reviews the time budget allowed; less than the last target when it ran out. */
  reached: number;
  budgetExhausted: boolean;
}

/**
 * Runs reviews through worker-cpu, `inFlight` at a time, and records its resident size when the
 * number completed since the start passes each target, until the last target or `budgetMs`.
 */
export async function measureSoak(
  client: Client,
  pool: SourcePool,
  workerPid: () => number,
  options: { targets: number[]; inFlight: number; budgetMs: number },
): Promise<Soak> {
  await (await startReviewDirectly(client, { source: pool.take() })).result();
  const startBytes = residentBytes(workerPid()) ?? Number.NaN;
  const started = Date.now();
  const last = Math.max(...options.targets);
  const points: Soak['points'] = [];
  const sample = (): void => {
    points.push({ completed, bytes: residentBytes(workerPid()) ?? Number.NaN, elapsedMs: Date.now() - started });
  };
  let startedReviews = 0;
  let completed = 0;
  const pending = new Set<Promise<void>>();
  const startOne = (): void => {
    startedReviews++;
    const run: Promise<void> = startReviewDirectly(client, { source: pool.take() })
      .then((handle) => handle.result())
      .then(() => {
        completed++;
        if (options.targets.includes(completed)) sample();
      })
      .finally(() => pending.delete(run));
    pending.add(run);
  };
  while (completed < last && Date.now() - started < options.budgetMs) {
    while (pending.size < options.inFlight && startedReviews < last) startOne();
    // Never empty here: fewer than `last` completed means some started review is still pending.
    await Promise.race(pending);
  }
  await Promise.all(pending);
  // Out of time before the last target: what it reached still says whether it grows.
  if (!options.targets.includes(completed)) sample();
  return { startBytes, points, reached: completed, budgetExhausted: completed < last };
}
