import { reviewWorkflowId, type GitSource } from '@reviewflow/contract';
import type { Client } from '@temporalio/client';
import type { SourcePool } from './source-pool.js';
import { startReviewDirectly } from './start-review-directly.js';

/** The source as a client sends it to `POST /reviews`. */
export function requestSource(source: GitSource) {
  return { kind: 'git', path: source.path, base: source.base, head: source.head };
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

/** Hands out each parked review once: a decided review takes no second decision. */
export function takeEachOnce(parked: readonly string[]): () => string {
  let next = 0;
  return () => {
    const id = parked[next++];
    if (id === undefined) throw new Error(`all ${parked.length} parked reviews are decided; park more`);
    return id;
  };
}
