import { nowMs } from './elapsed-ms.js';
import { percentile } from './percentile.js';
import { runCallers } from './run-callers.js';

/** Latency percentiles of one side, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
  samples: number;
}

/** One operation through the gateway against the same operation made directly on Temporal. */
export interface SideBySide {
  latency: {
    api: LatencySummary;
    direct: LatencySummary;
    /** What the gateway adds: p50(api) - p50(direct), and the same at p99. */
    addedP50Ms: number;
    addedP99Ms: number;
  };
  throughput: Array<{ callers: number; calls: number; apiPerSec: number; directPerSec: number; ratio: number }>;
}

/** Counts of {@link compareSideBySide}. */
export interface SideBySideCounts {
  /** Calls per side at one caller, alternating api and direct. */
  latencySamples: number;
  callers: number[];
  /** Calls per side and run at `callers` concurrent callers. */
  callsAt: (callers: number) => number;
}

/**
 * Measures `api` against `direct` side by side, so drift and background load (reviews started
 * earlier still running on the workers) hit both alike: latency one call at a time, alternating
 * the two; throughput in ABBA order (api, direct, direct, api) at each concurrency.
 */
export async function compareSideBySide(
  api: () => Promise<unknown>,
  direct: () => Promise<unknown>,
  counts: SideBySideCounts,
): Promise<SideBySide> {
  const apiMs: number[] = [];
  const directMs: number[] = [];
  for (let i = 0; i < counts.latencySamples; i++) {
    // Alternate which goes first, so neither always follows the other's leftovers.
    const order = i % 2 === 0 ? ([api, direct] as const) : ([direct, api] as const);
    for (const op of order) {
      const start = nowMs();
      await op();
      (op === api ? apiMs : directMs).push(nowMs() - start);
    }
  }
  const summary = (ms: number[]): LatencySummary => ({
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    samples: ms.length,
  });
  const latency = {
    api: summary(apiMs),
    direct: summary(directMs),
    addedP50Ms: percentile(apiMs, 50) - percentile(directMs, 50),
    addedP99Ms: percentile(apiMs, 99) - percentile(directMs, 99),
  };

  const throughput: SideBySide['throughput'] = [];
  for (const callers of counts.callers) {
    const calls = counts.callsAt(callers);
    const time = { api: 0, direct: 0 };
    for (const side of ['api', 'direct', 'direct', 'api'] as const) {
      const run = await runCallers(callers, calls, side === 'api' ? api : direct);
      time[side] += run.elapsedMs;
    }
    const apiPerSec = ((2 * calls) / time.api) * 1000;
    const directPerSec = ((2 * calls) / time.direct) * 1000;
    throughput.push({ callers, calls: 2 * calls, apiPerSec, directPerSec, ratio: apiPerSec / directPerSec });
  }
  return { latency, throughput };
}
