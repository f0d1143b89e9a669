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
 * Polls a visibility count until `done(count)` holds. Gives up (throws, with the last count) only
 * when the count has not moved for `stallMs`: a stuck run fails the benchmark instead of hanging
 * it, while a long backlog that the workers are still working through is waited out.
 */
export async function waitForCount(
  client: Client,
  query: string,
  done: (count: number) => boolean,
  stallMs: number,
): Promise<number> {
  let last = Number.NaN;
  let movedAt = Date.now();
  for (;;) {
    const count = await countOf(client, query);
    if (done(count)) return count;
    if (count !== last) {
      last = count;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) {
      throw new Error(`gave up: no change for ${stallMs / 1000} s waiting on [${query}]: ${count}`);
    }
    await sleep(200);
  }
}
