import { setTimeout as sleep } from 'node:timers/promises';
import { HttpProblem, ProblemType } from '../http-problem.js';

/**
 * Loads the workflow a replayed Idempotency-Key points at. A concurrent first request may have
 * claimed the key but not yet started its workflow, so a 404 is retried for a few seconds before
 * the caller is told (409) that the first request is still in progress.
 */
export async function awaitReplayedTarget<T>(load: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await load();
    } catch (err) {
      if (!(err instanceof HttpProblem && err.status === 404)) throw err;
      if (Date.now() > deadline) {
        throw new HttpProblem(
          409,
          ProblemType.idempotencyKeyInProgress,
          'Request in progress',
          'The first request with this Idempotency-Key has not finished; retry later',
        );
      }
      await sleep(100);
    }
  }
}
