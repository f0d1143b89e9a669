import { nowMs } from './elapsed-ms.js';

/** What {@link runCallers} measured. */
export interface CallersRun {
  callers: number;
  calls: number;
  elapsedMs: number;
  /** Calls per second over the whole run. */
  throughput: number;
  /** Latency of each call in milliseconds (process.hrtime), in completion order. */
  latenciesMs: number[];
}

/**
 * `calls` calls of `call(i)` (i = 0..calls-1, each index once) made by `callers` concurrent
 * callers, each starting its next call when its last one answered: a closed-loop load, like CI
 * systems calling the API. A call that throws fails the whole run.
 */
export async function runCallers(
  callers: number,
  calls: number,
  call: (index: number) => Promise<unknown>,
): Promise<CallersRun> {
  const latenciesMs: number[] = [];
  let next = 0;
  const caller = async (): Promise<void> => {
    while (next < calls) {
      const index = next++;
      const start = nowMs();
      await call(index);
      latenciesMs.push(nowMs() - start);
    }
  };
  const start = nowMs();
  await Promise.all(Array.from({ length: Math.min(callers, calls) }, caller));
  const elapsedMs = nowMs() - start;
  return { callers, calls, elapsedMs, throughput: (calls / elapsedMs) * 1000, latenciesMs };
}
