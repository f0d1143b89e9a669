import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

/** A review as `GET /reviews/:id` answers it. */
export type ReviewJson = Record<string, any>;

/** Whether a review has ended, one way or another. */
export function isTerminalReview(review: ReviewJson): boolean {
  return ['completed', 'rejected', 'failed', 'cancelled'].includes(review.status);
}

/**
 * Reads review `id` through `read` every 200 ms until `until` holds, and returns it; after
 * `timeoutMs` the test fails with where the review is stuck. Reviews run on real workers, so
 * tests wait for a state instead of assuming one.
 */
export async function waitForReview(
  read: (id: string) => Promise<ReviewJson>,
  id: string,
  until: (review: ReviewJson) => boolean,
  timeoutMs = 60_000,
): Promise<ReviewJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const review = await read(id);
    if (until(review)) return review;
    if (Date.now() > deadline) assert.fail(`review ${id} stuck at ${JSON.stringify(review).slice(0, 400)}`);
    await sleep(200);
  }
}
