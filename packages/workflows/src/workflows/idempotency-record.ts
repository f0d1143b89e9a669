import { sleep } from '@temporalio/workflow';
import type { IdempotencyRecordInput } from '@reviewflow/contract';

/**
 * Holds one Idempotency-Key for its time to live. It does nothing else: the API keeps what matters
 * (body hash, target, status) in the memo given at start and reads it back with `describe()`, so a
 * record answers even when no worker runs. Its workflow id is what makes the key unique: the API
 * starts it with conflict policy FAIL, and exactly one of two concurrent requests wins.
 */
export async function idempotencyRecord(input: IdempotencyRecordInput): Promise<void> {
  await sleep(input.ttlSeconds * 1000);
}
