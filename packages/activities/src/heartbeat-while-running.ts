import { Context } from '@temporalio/activity';

type AsyncFunctions = Record<string, (...args: never[]) => Promise<unknown>>;

/**
 * Wraps activities so each heartbeats on a timer while it runs. Activities whose worker dies are
 * then retried elsewhere after the (short) heartbeat timeout instead of the (long) start-to-close
 * timeout; the activities themselves stay free of liveness code. Activities scheduled without a
 * heartbeat timeout are left alone.
 */
export function heartbeatWhileRunning<A extends AsyncFunctions>(activities: A): A {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      const ctx = Context.current();
      const timeoutMs = ctx.info.heartbeatTimeoutMs;
      if (!timeoutMs) return fn(...args);
      // A third of the timeout leaves room for two missed beats before the server gives up.
      const timer = setInterval(() => ctx.heartbeat(), Math.max(500, Math.floor(timeoutMs / 3)));
      try {
        return await fn(...args);
      } finally {
        clearInterval(timer);
      }
    };
  }
  return wrapped as A;
}
