import { approvalUpdate, progressQuery, reviewWorkflowId, type GitSource } from '@reviewflow/contract';
import type { Client } from '@temporalio/client';
import type { ApiCall } from './api-client.js';
import { compareSideBySide, type SideBySide, type SideBySideCounts } from './compare-side-by-side.js';
import type { SourcePool } from './source-pool.js';
import { startReviewDirectly } from './start-review-directly.js';

/** The source as a client sends it to `POST /reviews`. */
export function requestSource(source: GitSource) {
  return { kind: 'git', path: source.path, base: source.base, head: source.head };
}

/**
 * `POST /reviews` against `client.workflow.start` of the same workflow, each call a new review. The
 * API also resolves the revisions with git and answers with the review's state (describe + progress
 * query), which is part of what it adds.
 */
export function compareStarts(
  client: Client,
  call: ApiCall,
  pool: SourcePool,
  counts: SideBySideCounts,
): Promise<SideBySide> {
  return compareSideBySide(
    () => call('POST', '/reviews', { source: requestSource(pool.take()) }, [202]),
    () => startReviewDirectly(client, { source: pool.take() }),
    counts,
  );
}

/**
 * Parks `count` reviews at their approval gate (started directly, not measured) and returns their
 * ids; reviews waiting for a decision are what approvals and reads of running reviews act on.
 */
export async function parkReviews(client: Client, pool: SourcePool, count: number): Promise<string[]> {
  const ids: string[] = [];
  const batch = 16;
  for (let i = 0; i < count; i += batch) {
    const sources = Array.from({ length: Math.min(batch, count - i) }, () => pool.take());
    await Promise.all(
      sources.map((source) =>
        startReviewDirectly(client, { source, approval: { required: true, timeoutSeconds: 3600 } }),
      ),
    );
    ids.push(...sources.map(reviewWorkflowId));
  }
  return ids;
}

/** `GET /reviews/:id` against the progress query, round-robin over reviews waiting for approval. */
export function compareReads(
  client: Client,
  call: ApiCall,
  parked: readonly string[],
  counts: SideBySideCounts,
): Promise<SideBySide> {
  let a = 0;
  let d = 0;
  return compareSideBySide(
    () => call('GET', `/reviews/${encodeURIComponent(parked[a++ % parked.length]!)}`, undefined, [200]),
    () => client.workflow.getHandle(parked[d++ % parked.length]!).query(progressQuery),
    counts,
  );
}

/**
 * `POST /reviews/:id/approval` against the approval update sent directly, each call deciding a
 * different waiting review (a decided review takes no second decision).
 */
export function compareApprovals(
  client: Client,
  call: ApiCall,
  parked: readonly string[],
  counts: SideBySideCounts,
): Promise<SideBySide> {
  const take = takeEachOnce(parked);
  return compareSideBySide(
    () => call('POST', `/reviews/${encodeURIComponent(take())}/approval`, { decision: 'approve' }, [200]),
    () => client.workflow.getHandle(take()).executeUpdate(approvalUpdate, { args: [{ decision: 'approve' }] }),
    counts,
  );
}

/** Hands out each parked review once: a decided review takes no second decision. */
export function takeEachOnce(parked: readonly string[]): () => string {
  let next = 0;
  return () => {
    const id = parked[next++];
    if (id === undefined) throw new Error(`all ${parked.length} parked reviews are decided; park more`);
    return id;
  };
}

/** How many calls (and so distinct reviews) a comparison with these counts makes. */
export function callsOf(counts: SideBySideCounts): number {
  return 2 * counts.latencySamples + 4 * counts.callers.reduce((sum, c) => sum + counts.callsAt(c), 0);
}
