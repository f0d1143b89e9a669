import type { Client } from '@temporalio/client';
import { idempotentStart, type IdempotentOutcome } from './idempotent-start.js';
import { workflowWouldStart } from './workflow-would-start.js';

/** The parts of a start request the sequence needs (a Fastify request has them). */
export interface StartRouteRequest {
  /** The authenticated caller (keys are scoped to their caller). */
  caller?: { name: string } | undefined;
  headers: { 'idempotency-key'?: string | undefined };
  body: unknown;
}

/**
 * The start sequence both start routes share: without an Idempotency-Key, start (or find) the
 * workflow and answer 202 or 200 by whether it was created; with one, claim the key first and
 * replay the first answer to a repeat (see {@link idempotentStart}).
 */
export async function startRouteWorkflow(
  temporal: Client,
  request: StartRouteRequest,
  /** `POST /reviews`, `POST /orgs/:org/reviews`: the same key on another route is another key. */
  route: string,
  starter: {
    /** The workflow id the request will start or find, without side effects. */
    target(): Promise<string>;
    start(): Promise<{ id: string; created: boolean }>;
  },
): Promise<IdempotentOutcome> {
  const key = request.headers['idempotency-key'];
  if (key === undefined) {
    const { id, created } = await starter.start();
    return { targetId: id, status: created ? 202 : 200, replayed: false };
  }
  return idempotentStart(
    temporal,
    { caller: request.caller?.name ?? 'anonymous', route, key, body: request.body },
    { target: starter.target, wouldCreate: (id) => workflowWouldStart(temporal, id), start: starter.start },
  );
}
