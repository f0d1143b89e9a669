/** A monotonic clock in milliseconds with sub-millisecond resolution (process.hrtime). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Runs `fn` and returns how long it took in milliseconds, from process.hrtime. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = nowMs();
  await fn();
  return nowMs() - start;
}
