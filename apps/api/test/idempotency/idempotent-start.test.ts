import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { addCommit, createPlantedRepo } from '@reviewflow/devkit';
import { idempotencyRecordWorkflowType } from '@reviewflow/contract';
import type { FastifyInstance } from 'fastify';
import { hashApiKey } from '../../src/auth/hash-api-key.js';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';

type Json = Record<string, any>;
const otherKey = 'other-caller-key-31f0a9c2e7b4';

describe('Idempotency-Key on the starting routes against a real Temporal dev server', () => {
  let stack: TestStack;
  let other: FastifyInstance;
  let repo: string;

  before(async () => {
    stack = await startTestStack();
    repo = createPlantedRepo();
    // A second replica of the API (another caller's key): records live in Temporal, not in a process.
    other = await stack.buildApp({
      apiKeys: [testApiKey, { name: 'other', sha256: hashApiKey(otherKey), scopes: ['reviews:write'] }],
    });
  });
  after(async () => {
    await stack?.stop();
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  const post = async (
    url: string,
    body: unknown,
    key: string | undefined,
    { app = stack.app, apiKey = testApiKey }: { app?: FastifyInstance; apiKey?: string } = {},
  ) => {
    const res = await app.inject({
      method: 'POST',
      url,
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.statusCode, headers: res.headers, body: res.json() as Json };
  };

  it('returns the first response for the same key and body, and 422 for another body', async () => {
    const body = { source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' } };
    const first = await post('/reviews', body, 'key-1');
    assert.equal(first.status, 202);
    assert.equal(first.headers['idempotent-replayed'], undefined);

    // The same body with its fields in another order and other whitespace is the same request,
    // and another replica answers it from the record in Temporal.
    const reordered = `{ "source": { "head": "HEAD", "base": "HEAD~1", "path": ${JSON.stringify(repo)}, "kind": "git" } }`;
    const again = await post('/reviews', reordered, 'key-1', { app: other });
    assert.equal(again.status, 202, 'the first status, although the review exists by now');
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body.id, first.body.id);

    const changed = await post('/reviews', { ...body, maxParallelChunks: 2 }, 'key-1');
    assert.equal(changed.status, 422);
    assert.equal(changed.body.type, 'https://reviewflow.dev/problems/idempotency-key-reused');

    // Without a key, or with a new one, the same body finds the existing review as before.
    assert.equal((await post('/reviews', body, undefined)).status, 200);
    assert.equal((await post('/reviews', body, 'key-2')).status, 200);
    // Keys belong to their caller: another caller's key-1 is a new key.
    const otherCaller = await post('/reviews', { ...body, maxParallelChunks: 2 }, 'key-1', {
      app: other,
      apiKey: otherKey,
    });
    assert.equal(otherCaller.status, 200);
    assert.equal(otherCaller.headers['idempotent-replayed'], undefined);
  });

  it('lets concurrent duplicates race: one claim, one review, the same answer for all', async () => {
    addCommit(repo, { 'src/race.js': 'export const race = 1;\n' });
    const body = { source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' } };
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post('/reviews', body, 'race-key', { app: i % 2 ? other : stack.app })),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(6).fill(202),
    );
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal(answers.filter((a) => a.headers['idempotent-replayed'] === undefined).length, 1);
  });

  it('claims no key for a request that fails validation, and keeps keys out of Temporal', async () => {
    const bad = await post(
      '/reviews',
      { source: { kind: 'git', path: '/nonexistent/x', base: 'HEAD~1' } },
      'fix-and-retry',
    );
    assert.equal(bad.status, 422);
    addCommit(repo, { 'src/retry.js': 'export const retry = 1;\n' });
    const fixed = await post('/reviews', { source: { kind: 'git', path: repo, base: 'HEAD~1' } }, 'fix-and-retry');
    assert.equal(fixed.status, 202);

    for (const key of ['', 'x'.repeat(256), 'has space', 'tab\tkey', 'ünï']) {
      const res = await stack.app.inject({
        method: 'POST',
        url: '/reviews',
        headers: { authorization: `Bearer ${testApiKey}`, 'idempotency-key': key },
        payload: { source: { kind: 'git', path: repo, base: 'HEAD~1' } },
      });
      assert.equal(res.statusCode, 400, JSON.stringify(key));
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    }

    const records = [];
    for await (const w of stack.client.workflow.list({ query: `WorkflowType = '${idempotencyRecordWorkflowType}'` })) {
      records.push(w.workflowId);
    }
    const digest = createHash('sha256').update('plain-1\0POST /reviews\0fix-and-retry').digest('hex');
    assert.ok(records.includes(`idempotency:${digest}`), 'the record id is the hash of caller, route and key');
    assert.ok(!records.some((id) => /key-1|race-key|fix-and-retry/.test(id)), 'no key in any workflow id');
  });

  it('makes organisation runs idempotent too', async () => {
    const body = { tier: 'starter', repositories: [{ kind: 'git', path: repo, base: 'HEAD~1' }] };
    const first = await post('/orgs/acme/reviews', body, 'org-key');
    assert.equal(first.status, 202);
    const again = await post('/orgs/acme/reviews', body, 'org-key', { app: other });
    assert.equal(again.status, 202);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.body.id, first.body.id);
    const changed = await post('/orgs/acme/reviews', { ...body, maxParallelReviews: 1 }, 'org-key');
    assert.equal(changed.status, 422);
  });
});
