import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link retryWhileTemporalUnreachable}. */
export interface RetryWhileUnreachableOptions {
  /** Told about every failed attempt and the wait before the next. */
  log: (message: string, meta: Record<string, unknown>) => void;
  /** Gives up (rethrows the last error) after this long; 5 minutes by default. */
  timeoutMs?: number;
  /**
   * First wait between attempts, doubled up to 2 s: a connect attempt is cheap, and a longer wait
   * only keeps a restarted worker idle after Temporal is back (its reviews wait on it).
   */
  initialDelayMs?: number;
  /**
   * Ends the waiting (rethrowing the last error): a stop signal must still stop a worker that has
   * no SDK worker yet to shut down, since the SDK runtime's own signal handlers only stop workers.
   */
  signal?: AbortSignal;
}

/**
 * Whether an error means the Temporal server could not be reached (refused, reset, unavailable),
 * as opposed to an answer that something is wrong (a missing namespace, a bad certificate).
 */
export function isTemporalUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  // gRPC UNAVAILABLE from the bridge's clients (operator/workflow service calls).
  if ((err as { code?: unknown }).code === 14) return true;
  return /code: Unavailable|tcp connect error|ConnectError|Connection refused|connection reset/i.test(err.message);
}

/**
 * Runs `attempt` (connecting to Temporal and creating the workers) again while it fails because the
 * server cannot be reached. Once running, the SDK's pollers ride out a server restart on their own;
 * at boot they do not: connecting, or `Worker.create` describing the namespace, throws at once, and
 * a worker restarted (say, after a crash) while Temporal is restarting too would exit for good
 * under a supervisor that does not restart it (`npm start`) and crash-loop under one that does.
 */
export async function retryWhileTemporalUnreachable<T>(
  attempt: () => Promise<T>,
  options: RetryWhileUnreachableOptions,
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 5 * 60_000);
  let delayMs = options.initialDelayMs ?? 500;
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isTemporalUnreachable(err) || Date.now() + delayMs > deadline || options.signal?.aborted) throw err;
      options.log('Temporal is unreachable; trying again', { attempts, retryInMs: delayMs, error: String(err) });
      await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : {}).catch(() => undefined);
      if (options.signal?.aborted) throw err;
      delayMs = Math.min(delayMs * 2, 2_000);
    }
  }
}
