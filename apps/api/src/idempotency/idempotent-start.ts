import { createHash } from 'node:crypto';
import {
  TaskQueue,
  idempotencyRecordTtlSeconds,
  idempotencyRecordWorkflowId,
  idempotencyRecordWorkflowType,
  type IdempotencyRecordInput,
  type IdempotencyRecordMemo,
} from '@reviewflow/contract';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { HttpProblem, ProblemType } from '../http-problem.js';
import { canonicalBodyHash } from './canonical-body-hash.js';

/** One request carrying an Idempotency-Key. */
export interface IdempotentRequest {
  /** The authenticated caller's name: keys are scoped to their caller. */
  caller: string;
  /** `POST /reviews`, `POST /orgs/:org/reviews`: the same key on another route is another key. */
  route: string;
  key: string;
  body: unknown;
}

/** How the route starts its workflow, in two steps so the key can be claimed in between. */
export interface IdempotentStarter {
  /** Resolves the request to the workflow id it will start or find (no side effects). */
  target(): Promise<string>;
  /** Whether starting now would create the workflow (202) or find it (200). */
  wouldCreate(targetId: string): Promise<boolean>;
  /** Starts (or finds) the workflow. */
  start(): Promise<{ id: string; created: boolean }>;
}

/** What the route answers with. */
export interface IdempotentOutcome {
  targetId: string;
  status: 200 | 202;
  /** True when this answer repeats the first response to the same key. */
  replayed: boolean;
}

/*
 * Why the records live in Temporal: the API is stateless and scales horizontally, so process memory
 * would let a retry that lands on another replica start again, and an extra database would be one
 * more thing to run. A workflow id is already a cluster-wide unique key with atomic "create if
 * absent" (conflict policy FAIL), and a memo is readable by `describe()` without any worker. So a
 * key becomes a tiny `idempotencyRecord` workflow whose id is a hash of caller + route + key and
 * whose memo holds the body hash, the target workflow id and the status of the first response.
 *
 * Order: look up the record; if absent, resolve the target (validation failures claim nothing, so
 * a fixed request may reuse its key), claim the key, then start. The status is decided before the
 * claim (the memo cannot change afterwards) from whether the target exists; a replay answers that
 * same status, which is what makes the first response and its replays agree.
 */
export async function idempotentStart(
  client: Client,
  request: IdempotentRequest,
  starter: IdempotentStarter,
): Promise<IdempotentOutcome> {
  const digest = createHash('sha256').update(`${request.caller}\0${request.route}\0${request.key}`).digest('hex');
  const recordId = idempotencyRecordWorkflowId(digest);
  const bodyHash = canonicalBodyHash(request.body);

  const existing = await readRecord(client, recordId);
  if (existing) return replay(existing, bodyHash);

  const targetId = await starter.target();
  const status = (await starter.wouldCreate(targetId)) ? 202 : 200;
  const memo: IdempotencyRecordMemo = { bodyHash, targetId, status };
  try {
    await client.workflow.start(idempotencyRecordWorkflowType, {
      taskQueue: TaskQueue.cpu,
      workflowId: recordId,
      args: [{ ttlSeconds: idempotencyRecordTtlSeconds } satisfies IdempotencyRecordInput],
      memo: { ...memo },
      workflowIdConflictPolicy: 'FAIL',
      // A record terminated because its start failed frees the key; a completed one never does.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    // A concurrent request with the same key won the claim: answer as its replay.
    const winner = await readRecord(client, recordId);
    if (!winner) throw err;
    return replay(winner, bodyHash);
  }
  try {
    await starter.start();
  } catch (err) {
    // Free the key so the caller can retry with it; the start did not happen.
    await client.workflow
      .getHandle(recordId)
      .terminate('the start this key guarded failed')
      .catch(() => undefined);
    throw err;
  }
  return { targetId, status, replayed: false };
}

function replay(record: IdempotencyRecordMemo, bodyHash: string): IdempotentOutcome {
  if (record.bodyHash !== bodyHash) {
    throw new HttpProblem(
      422,
      ProblemType.idempotencyKeyReused,
      'Idempotency-Key reused',
      'This Idempotency-Key was first used with a different request body; use a new key for a new request',
    );
  }
  return { targetId: record.targetId, status: record.status === 202 ? 202 : 200, replayed: true };
}

async function readRecord(client: Client, recordId: string): Promise<IdempotencyRecordMemo | undefined> {
  try {
    const description = await client.workflow.getHandle(recordId).describe();
    if (description.type !== idempotencyRecordWorkflowType) return undefined;
    // A record whose start failed was terminated: it no longer holds the key.
    if (description.status.name === 'TERMINATED') return undefined;
    const memo = description.memo as Partial<IdempotencyRecordMemo> | undefined;
    if (typeof memo?.bodyHash !== 'string' || typeof memo.targetId !== 'string') return undefined;
    return { bodyHash: memo.bodyHash, targetId: memo.targetId, status: Number(memo.status) };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}
