import type { ApprovalRequest, ReviewInput } from '@reviewflow/contract';
import type { ApiCall } from './api-client.js';
import { compareInRounds, type RoundsComparison } from './compare-in-rounds.js';
import type { SideBySideCounts } from './compare-side-by-side.js';
import { requestSource, takeEachOnce } from './measure-gateway.js';
import type { SourcePool } from './source-pool.js';

/**
 * What a caller would use instead of the gateway for the same three operations: Temporal's HTTP API
 * (TemporalHttpApi) or the SDK's own calls from the bench's process (sdkReviewCalls).
 */
export interface ReviewCalls {
  startReview(input: ReviewInput): Promise<unknown>;
  progress(id: string): Promise<unknown>;
  approve(id: string, request: ApprovalRequest): Promise<unknown>;
}

/** The gateway against one {@link ReviewCalls}, per operation. */
export interface PeerFigures {
  starts?: RoundsComparison;
  reads?: RoundsComparison;
  approvals?: RoundsComparison;
}

/** `POST /reviews` against the peer's start of the same workflow, a new review each call. */
export function comparePeerStarts(
  call: ApiCall,
  peer: ReviewCalls,
  pool: SourcePool,
  counts: SideBySideCounts,
  rounds: number,
): Promise<RoundsComparison> {
  return compareInRounds(
    () => call('POST', '/reviews', { source: requestSource(pool.take()) }, [202]),
    () => peer.startReview({ source: pool.take() }),
    counts,
    rounds,
  );
}

/** `GET /reviews/:id` against the peer's progress query, over reviews waiting for approval. */
export function comparePeerReads(
  call: ApiCall,
  peer: ReviewCalls,
  parked: readonly string[],
  counts: SideBySideCounts,
  rounds: number,
): Promise<RoundsComparison> {
  let a = 0;
  let p = 0;
  return compareInRounds(
    () => call('GET', `/reviews/${encodeURIComponent(parked[a++ % parked.length]!)}`, undefined, [200]),
    () => peer.progress(parked[p++ % parked.length]!),
    counts,
    rounds,
  );
}

/** `POST /reviews/:id/approval` against the peer's approval update, a different review each call. */
export function comparePeerApprovals(
  call: ApiCall,
  peer: ReviewCalls,
  parked: readonly string[],
  counts: SideBySideCounts,
  rounds: number,
): Promise<RoundsComparison> {
  const take = takeEachOnce(parked);
  return compareInRounds(
    () => call('POST', `/reviews/${encodeURIComponent(take())}/approval`, { decision: 'approve' }, [200]),
    () => peer.approve(take(), { decision: 'approve' }),
    counts,
    rounds,
  );
}
