import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiCall } from './api-client.js';
import { countPublishedReports } from './count-published-reports.js';
import type { SourcePool } from './source-pool.js';
import type { StackWorkers } from './stack-workers.js';

/** What a batch of reviews went through while its workers were killed, and how it ended. */
export interface FaultRun {
  started: number;
  completed: number;
  failed: number;
  /** Not ended when the run gave up waiting. */
  lost: number;
  /** Reports published beyond one per completed review (a second pipeline, or a side effect done twice). */
  duplicateReports: number;
  kills: Array<{ worker: 'cpu' | 'gpu'; atMs: number; stages: Record<string, number> }>;
  /** 5xx answers the API gave while the workers were down or coming back. */
  serverErrors: number;
  elapsedMs: number;
}

const ended = ['completed', 'failed', 'cancelled', 'rejected'];

/**
 * Starts `reviews` multi-chunk reviews through the API, SIGKILLs (and restarts) worker-cpu and
 * worker-gpu in `kills` order while they run, then waits for every review to end and counts how
 * they ended and how many reports were published. The model is scripts/test/crash-recovery.test.ts.
 */
export async function measureFault(
  call: ApiCall,
  pool: SourcePool,
  workers: StackWorkers,
  options: { reviews: number; kills: Array<'cpu' | 'gpu'>; killEveryMs: number; dataDir: string; timeoutMs: number },
): Promise<FaultRun> {
  const reportsBefore = countPublishedReports(options.dataDir);
  const started = Date.now();
  let serverErrors = 0;
  const get = async (id: string): Promise<Record<string, unknown>> => {
    const answer = await call('GET', `/reviews/${encodeURIComponent(id)}`, undefined, [200, 500, 502, 503, 504]);
    if (answer.status >= 500) serverErrors++;
    return answer.body;
  };
  const ids: string[] = [];
  for (let i = 0; i < options.reviews; i++) {
    const source = pool.take();
    const answer = await call('POST', '/reviews', {
      source: { kind: 'git', path: source.path, base: source.base, head: source.head },
      maxParallelChunks: 2,
    });
    ids.push(String(answer.body.id));
  }
  const stages = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const id of ids) {
      const review = await get(id);
      const stage = String(review.stage ?? review.status ?? 'unknown');
      counts[stage] = (counts[stage] ?? 0) + 1;
    }
    return counts;
  };
  // The first kill lands mid-pipeline: some review embedding or reviewing chunks.
  for (let i = 0; i < 600; i++) {
    const now = await stages();
    if ((now.embedding ?? 0) + (now.reviewing ?? 0) > 0) break;
    await sleep(50);
  }
  const kills: FaultRun['kills'] = [];
  for (const worker of options.kills) {
    const at = await stages();
    await workers.restart(worker, { signal: 'SIGKILL' });
    kills.push({ worker, atMs: Date.now() - started, stages: at });
    await sleep(options.killEveryMs);
  }
  const finals = new Map<string, string>();
  const deadline = Date.now() + options.timeoutMs;
  while (finals.size < ids.length && Date.now() < deadline) {
    for (const id of ids) {
      if (finals.has(id)) continue;
      const status = String((await get(id)).status);
      if (ended.includes(status)) finals.set(id, status);
    }
    await sleep(250);
  }
  const completed = [...finals.values()].filter((s) => s === 'completed').length;
  const reports = countPublishedReports(options.dataDir) - reportsBefore;
  return {
    started: ids.length,
    completed,
    failed: finals.size - completed,
    lost: ids.length - finals.size,
    duplicateReports: Math.max(0, reports - completed),
    kills,
    serverErrors,
    elapsedMs: Date.now() - started,
  };
}
