import type { ApiCall } from './api-client.js';
import { compareInRounds, type RoundsComparison } from './compare-in-rounds.js';
import type { SideBySideCounts } from './compare-side-by-side.js';
import { requestSource, takeEachOnce } from './measure-gateway.js';
import type { SourcePool } from './source-pool.js';
import type { TemporalHttpApi } from './temporal-http-api.js';

/** The gateway against Temporal's HTTP API, per operation (see {@link TemporalHttpApi}). */
export interface PeerFigures {
  starts?: RoundsComparison;
  reads?: RoundsComparison;
  approvals?: RoundsComparison;
}

/** `POST /reviews` against the HTTP API's start of the same workflow, a new review each call. */
export function comparePeerStarts(
  call: ApiCall,
  peer: TemporalHttpApi,
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

/** `GET /reviews/:id` against the HTTP API's progress query, over reviews waiting for approval. */
export function comparePeerReads(
  call: ApiCall,
  peer: TemporalHttpApi,
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

/** `POST /reviews/:id/approval` against the HTTP API's approval update, a different review each call. */
export function comparePeerApprovals(
  call: ApiCall,
  peer: TemporalHttpApi,
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
