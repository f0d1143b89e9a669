import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `<api>/readyz` until it answers 2xx; returns when that was (epoch ms). Throws after `timeoutMs`. */
export async function waitUntilReady(api: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await fetch(`${api}/readyz`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return Date.now();
    if (Date.now() > deadline) throw new Error(`${api}/readyz did not answer 2xx within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}
