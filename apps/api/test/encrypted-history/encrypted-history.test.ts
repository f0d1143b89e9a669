import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { addCommit, createPlantedRepo } from '@reviewflow/devkit';
import { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { FastifyInstance } from 'fastify';
import { startTestStack, type TestStack } from '../support/test-stack.js';

type Json = Record<string, any>;
const apiKey = 'encrypted-history-key-8c2e';

// API and workers share payload keys; Temporal, and anyone reading its history without them, sees
// only ciphertext. The canary is a file name, which lands in findings, activity results and the
// review's result.
describe('encrypted history with a real Temporal dev server', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let repo: string;
  const canary = `canary-${randomBytes(6).toString('hex')}`;
  const keys = {
    REVIEWFLOW_PAYLOAD_KEYS: `old:${randomBytes(32).toString('base64')},new:${randomBytes(32).toString('base64')}`,
    REVIEWFLOW_PAYLOAD_KEY_ID: 'new',
  };

  before(async () => {
    stack = await startTestStack({ payloadKeys: keys, app: { apiKeys: [apiKey] } });
    app = stack.app;
    repo = createPlantedRepo();
    addCommit(repo, { [`src/${canary}.js`]: 'console.log("debug");\n' });
  });
  after(async () => {
    await stack?.stop();
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it('stores only ciphertext in history while the API reads the review as usual', async () => {
    const auth = { authorization: `Bearer ${apiKey}` };
    const started = await app.inject({
      method: 'POST',
      url: '/reviews',
      headers: auth,
      payload: { source: { kind: 'git', path: repo, base: 'HEAD~1' } },
    });
    assert.equal(started.statusCode, 202);
    const id = started.json().id as string;
    const deadline = Date.now() + 60_000;
    let review: Json;
    for (;;) {
      review = (await app.inject({ method: 'GET', url: `/reviews/${id}`, headers: auth })).json();
      if (review.status === 'completed') break;
      if (Date.now() > deadline || review.status === 'failed') assert.fail(JSON.stringify(review).slice(0, 400));
      await sleep(200);
    }
    assert.ok(
      review.findings.some((f: Json) => f.file === `src/${canary}.js`),
      'the API decodes with the keys',
    );

    // Without the keys: the raw history, as Temporal stores it and its Web UI shows it.
    const raw = new Client({ connection: stack.client.connection });
    const history = await raw.workflow.getHandle(id).fetchHistory();
    const bytes = Buffer.from(proto.temporal.api.history.v1.History.encode(history).finish());
    assert.ok(!bytes.includes(canary), 'the canary is in no history payload');
    assert.ok(
      bytes.includes('binary/encrypted') && bytes.includes('new'),
      'payloads are encrypted with the active key',
    );
    await assert.rejects(raw.workflow.getHandle(id).result(), 'a client without the keys cannot read the result');
  });
});
