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
 * when neither that count nor the count of `progress` (default: the same query) has moved for
 * `stallMs`: a stuck run fails the benchmark instead of hanging it, while a backlog that the
 * workers are still working through (reviews queued ahead of the ones waited for) is waited out.
 */
export async function waitForCount(
  client: Client,
  query: string,
  done: (count: number) => boolean,
  stallMs: number,
  progress: string = query,
): Promise<number> {
  let last = '';
  let movedAt = Date.now();
  for (;;) {
    const count = await countOf(client, query);
    if (done(count)) return count;
    const seen = progress === query ? String(count) : `${count}/${await countOf(client, progress)}`;
    if (seen !== last) {
      last = seen;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) {
      throw new Error(`gave up: no change for ${stallMs / 1000} s waiting on [${query}]: ${count}`);
    }
    await sleep(200);
  }
}
