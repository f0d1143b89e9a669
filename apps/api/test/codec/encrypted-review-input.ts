import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@temporalio/client';
import { testApiKey, type TestStack } from '../support/test-stack.js';

/** One payload in the codec protocol's JSON form (base64 fields). */
export interface PayloadJson {
  metadata: { encoding: string; [key: string]: string };
  data: string;
}

/** Bytes as the codec protocol's base64. */
export const b64 = (bytes: Uint8Array | null | undefined): string =>
  Buffer.from(bytes ?? new Uint8Array()).toString('base64');

/**
 * Runs a review of `repo` (HEAD~1..HEAD) to completion on an encrypted stack and returns the input
 * of its started event as Temporal stores it (read by a client without keys): real ciphertext, as
 * the Web UI would send it to the codec endpoint.
 */
export async function encryptedReviewInput(stack: TestStack, repo: string): Promise<PayloadJson> {
  const auth = { authorization: `Bearer ${testApiKey}` };
  const started = await stack.app.inject({
    method: 'POST',
    url: '/reviews',
    headers: auth,
    payload: { source: { kind: 'git', path: repo, base: 'HEAD~1' } },
  });
  assert.equal(started.statusCode, 202, started.body);
  const id = started.json().id as string;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const review = (await stack.app.inject({ method: 'GET', url: `/reviews/${id}`, headers: auth })).json();
    if (review.status === 'completed') break;
    if (Date.now() > deadline || review.status === 'failed') assert.fail(JSON.stringify(review).slice(0, 400));
    await sleep(200);
  }
  const raw = new Client({ connection: stack.client.connection });
  const history = await raw.workflow.getHandle(id).fetchHistory();
  const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  assert.ok(input, 'the started event has an input');
  const metadata = Object.fromEntries(Object.entries(input.metadata ?? {}).map(([k, v]) => [k, b64(v)]));
  assert.ok(metadata.encoding, 'the input names its encoding');
  return { metadata: { ...metadata, encoding: metadata.encoding }, data: b64(input.data) };
}
