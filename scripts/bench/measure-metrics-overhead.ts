import { freePort } from '@reviewflow/devkit';
import type { Client } from '@temporalio/client';
import { nowMs } from './elapsed-ms.js';
import type { SourcePool } from './source-pool.js';
import type { StackWorkers } from './stack-workers.js';
import { startReviewDirectly } from './start-review-directly.js';

/** Review throughput of the workers with their SDK metrics exporters on and off. */
export interface MetricsOverhead {
  reviewsPerRound: number;
  rounds: Array<{ metrics: 'on' | 'off'; elapsedMs: number; reviewsPerSec: number }>;
  onPerSec: number;
  offPerSec: number;
  /** on / off; 1 means the exporter costs nothing. */
  ratio: number;
}

/**
 * Restarts both workers with their Prometheus exporters on (each on a free port, checked to answer)
 * or off, in the order on, off, off, on so drift cancels, and times `reviews` whole reviews started
 * at once until all completed: the exporter's cost lands on the workers, not on starting.
 */
export async function measureMetricsOverhead(
  client: Client,
  pool: SourcePool,
  workers: StackWorkers,
  reviews: number,
): Promise<MetricsOverhead> {
  const rounds: MetricsOverhead['rounds'] = [];
  let current: 'on' | 'off' | undefined;
  for (const metrics of ['on', 'off', 'off', 'on'] as const) {
    if (metrics !== current) {
      const cpuPort = metrics === 'on' ? await freePort() : 0;
      const gpuPort = metrics === 'on' ? await freePort() : 0;
      await workers.restart('cpu', { signal: 'SIGTERM', env: { METRICS_PORT: String(cpuPort) } });
      await workers.restart('gpu', { signal: 'SIGTERM', env: { METRICS_PORT: String(gpuPort) } });
      // A first review proves both workers poll (and warms them); not timed.
      await (await startReviewDirectly(client, { source: pool.take() })).result();
      if (metrics === 'on') {
        for (const port of [cpuPort, gpuPort]) {
          const res = await fetch(`http://127.0.0.1:${port}/metrics`);
          if (!res.ok) throw new Error(`worker metrics on port ${port} answered ${res.status}`);
        }
      }
      current = metrics;
    }
    const start = nowMs();
    const handles = await Promise.all(
      Array.from({ length: reviews }, () => startReviewDirectly(client, { source: pool.take() })),
    );
    await Promise.all(handles.map((h) => h.result()));
    const elapsedMs = nowMs() - start;
    rounds.push({ metrics, elapsedMs, reviewsPerSec: (reviews / elapsedMs) * 1000 });
  }
  const rate = (m: 'on' | 'off'): number => {
    const of = rounds.filter((r) => r.metrics === m);
    return ((of.length * reviews) / of.reduce((sum, r) => sum + r.elapsedMs, 0)) * 1000;
  };
  const onPerSec = rate('on');
  const offPerSec = rate('off');
  return { reviewsPerRound: reviews, rounds, onPerSec, offPerSec, ratio: onPerSec / offPerSec };
}
