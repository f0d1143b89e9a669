import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';

/** Visibility queries the benchmark waits on. */
export const ReviewQuery = {
  running: `WorkflowType = 'reviewPullRequest' AND ExecutionStatus = 'Running'`,
  completed: `WorkflowType = 'reviewPullRequest' AND ExecutionStatus = 'Completed'`,
  awaitingApproval: `WorkflowType = 'reviewPullRequest' AND ExecutionStatus = 'Running' AND ReviewStatus = 'awaiting_approval'`,
} as const;

/** How many workflows match a visibility query. */
export async function countOf(client: Client, query: string): Promise<number> {
  return (await client.workflow.count(query)).count;
}

/**
 * Polls a visibility count until `done(count)` holds; throws after `timeoutMs` with the last count,
 * so a stuck run fails the benchmark instead of hanging it.
 */
export async function waitForCount(
  client: Client,
  query: string,
  done: (count: number) => boolean,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count = await countOf(client, query);
    if (done(count)) return count;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting on [${query}]: ${count}`);
    await sleep(200);
  }
}
