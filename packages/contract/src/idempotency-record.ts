/** The persisted workflow type of an idempotency record; it must never change. */
export const idempotencyRecordWorkflowType = 'idempotencyRecord';

/**
 * How long a record holds its key: 24 hours, like most APIs' idempotency windows. A completed
 * record still answers until the namespace's retention removes it, so the window is at least this.
 */
export const idempotencyRecordTtlSeconds = 24 * 60 * 60;

/** What a record remembers of the first request with its key (in the workflow's memo). */
export interface IdempotencyRecordMemo {
  /** SHA-256 (hex) of the canonical JSON of the first request's body. */
  bodyHash: string;
  /** The workflow id the first request started or found (a review or an organisation run). */
  targetId: string;
  /** The HTTP status of the first response. */
  status: number;
}

/** Input of the `idempotencyRecord` workflow. */
export interface IdempotencyRecordInput {
  ttlSeconds: number;
}

/**
 * The workflow id of the record of one Idempotency-Key, from the SHA-256 (hex) of caller, route and
 * key: the key itself never reaches Temporal, and two callers' keys never collide.
 */
export function idempotencyRecordWorkflowId(digestHex: string): string {
  return `idempotency:${digestHex}`;
}
