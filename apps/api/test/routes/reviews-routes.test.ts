import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { addCommit } from '@reviewflow/devkit';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';
import { isTerminalReview } from '../support/wait-for-review.js';

const auth = { authorization: `Bearer ${testApiKey}` };
type Json = Record<string, any>;

describe('reviews routes against a real Temporal dev server', () => {
  let stack: TestStack;
  let repo: string;

  const call = async (
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = auth,
  ) => {
    const res = await stack.app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() as Json };
  };

  before(async () => {
    stack = await startTestStack();
    repo = stack.plantedRepo();
  });
  after(async () => {
    await stack?.stop();
  });

  it('reviews a local repository end to end and finds the planted problems on the right lines', async () => {
    const source = { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' };
    const first = await call('POST', '/reviews', { source });
    assert.equal(first.status, 202);
    assert.match(first.body.id, /^review:git:/);
    assert.ok(['queued', 'running'].includes(first.body.status));

    const again = await call('POST', '/reviews', { source });
    assert.equal(again.status, 200, 'the same source is the same review');
    assert.equal(again.body.id, first.body.id);

    const done = await stack.waitFor(first.body.id, isTerminalReview);
    assert.equal(done.status, 'completed', JSON.stringify(done.failure));
    const at = (file: string, line: number) => done.findings.filter((f: Json) => f.file === file && f.line === line);
    assert.ok(
      at('src/config.js', 3).some((f: Json) => f.rule.startsWith('secret/')),
      'secret key on line 3',
    );
    assert.ok(
      at('src/config.js', 4).some((f: Json) => f.rule.startsWith('secret/')),
      'access key id on line 4',
    );
    assert.deepEqual(
      at('src/app.js', 4).map((f: Json) => f.rule.split('/')[0]),
      ['debug'],
    );
    assert.equal(done.findings.filter((f: Json) => f.file === 'src/config.js' && f.line === 2).length, 0);
    assert.equal(done.reviewer.offline, true);
    assert.match(done.reviewer.description, /offline default/);
    assert.equal(done.embedder.offline, true);
    assert.deepEqual(
      { files: done.counts.files, full: done.coverage.filesFull, skipped: done.coverage.filesSkipped },
      { files: 2, full: 2, skipped: 0 },
    );
    assert.equal(done.source.head.length, 40, 'revisions are resolved to commit SHAs');

    // A completed review is never run again: the same request answers with the stored result.
    const later = await call('POST', '/reviews', { source });
    assert.equal(later.status, 200);
    assert.equal(later.body.status, 'completed');

    // Visibility is eventually consistent: poll the list until the completed review shows up.
    let listed: Json[] = [];
    for (let i = 0; i < 50 && !listed.some((r) => r.id === first.body.id); i++) {
      const list = await call('GET', `/reviews?status=completed&repository=${encodeURIComponent(done.repository)}`);
      assert.equal(list.status, 200);
      listed = list.body.reviews;
      await sleep(200);
    }
    assert.ok(listed.some((r) => r.id === first.body.id && r.status === 'completed'));
    const running = await call('GET', `/reviews?status=running&repository=${encodeURIComponent(done.repository)}`);
    assert.ok(!running.body.reviews.some((r: Json) => r.id === first.body.id));
  });

  it('waits at the approval gate and publishes after an approval', async () => {
    addCommit(repo, { 'src/debug.py': 'print("hello")\n' });
    const started = await call('POST', '/reviews', {
      source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' },
      approval: { required: true },
    });
    assert.equal(started.status, 202);
    const waiting = await stack.waitFor(
      started.body.id,
      (r) => r.status === 'awaiting_approval' || isTerminalReview(r),
    );
    assert.equal(waiting.status, 'awaiting_approval');
    assert.equal(waiting.approval.state, 'waiting');
    assert.equal(waiting.counts.chunksReviewed, waiting.counts.chunks, 'the gate comes after the review');

    const decided = await call('POST', `/reviews/${started.body.id}/approval`, {
      decision: 'approve',
      reason: 'looks fine',
    });
    assert.equal(decided.status, 200);
    assert.equal(decided.body.approval.state, 'approved');

    const twice = await call('POST', `/reviews/${started.body.id}/approval`, { decision: 'reject' });
    assert.ok([409].includes(twice.status), `a second decision is refused, got ${twice.status}`);

    const done = await stack.waitFor(started.body.id, isTerminalReview);
    assert.equal(done.status, 'completed');
    assert.equal(done.approval.decision.decision, 'approve');
    assert.equal(done.approval.decision.reason, 'looks fine');
    assert.ok(done.findings.some((f: Json) => f.file === 'src/debug.py' && f.line === 1));

    const closed = await call('POST', `/reviews/${started.body.id}/approval`, { decision: 'reject' });
    assert.equal(closed.status, 409);
    assert.match(closed.type, /^application\/problem\+json/);
  });

  it('keeps a rejection sent before the gate is reached and ends the review rejected', async () => {
    addCommit(repo, { 'src/other.js': 'export const x = 1;\n' });
    const started = await call('POST', '/reviews', {
      source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' },
      approval: { required: true, timeoutSeconds: 3600 },
    });
    assert.equal(started.status, 202);
    const decided = await call('POST', `/reviews/${started.body.id}/approval`, {
      decision: 'reject',
      reason: 'not now',
    });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    const done = await stack.waitFor(started.body.id, isTerminalReview);
    assert.equal(done.status, 'rejected');
    assert.equal(done.approval.decision.reason, 'not now');
  });

  it('refuses an approval for a review without a gate', async () => {
    addCommit(repo, { 'src/third.js': 'export const y = 2;\n' });
    const started = await call('POST', '/reviews', {
      source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' },
    });
    const refused = await call('POST', `/reviews/${started.body.id}/approval`, { decision: 'approve' });
    assert.equal(refused.status, 409);
    assert.equal(
      refused.body.type,
      'https://reviewflow.dev/problems/' +
        (refused.body.type.endsWith('review-closed') ? 'review-closed' : 'approval-not-accepted'),
    );
    await stack.waitFor(started.body.id, isTerminalReview);
  });

  it('answers bad input with problem documents and changes nothing', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ source: { kind: 'git' } }, 400, /validation/],
      [{ source: { kind: 'git', path: repo, base: 'HEAD~1' }, extra: 1 }, 400, /validation/],
      [{ source: { kind: 'git', path: repo, base: 1 } }, 400, /validation/],
      [{ source: { kind: 'git', path: 'relative/path', base: 'HEAD~1' } }, 400, /validation/],
      [{ source: { kind: 'git', path: repo, base: '--output=/tmp/x' } }, 400, /validation/],
      [{ source: { kind: 'git', path: '/nonexistent/reviewflow', base: 'HEAD~1' } }, 422, /git-not-a-repository/],
      [{ source: { kind: 'git', path: repo, base: 'no-such-branch' } }, 422, /git-unknown-revision/],
      [{ source: { kind: 'git', path: repo, base: 'HEAD~1' }, maxParallelChunks: 1000 }, 400, /validation/],
    ];
    for (const [body, status, type] of cases) {
      const res = await call('POST', '/reviews', body);
      assert.equal(res.status, status, JSON.stringify(body));
      assert.match(res.type, /^application\/problem\+json/);
      assert.match(res.body.type, type);
      assert.equal(res.body.status, status);
    }
    const raw = await stack.app.inject({
      method: 'POST',
      url: '/reviews',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"source":',
    });
    assert.equal(raw.statusCode, 400);
    assert.match(String(raw.headers['content-type']), /^application\/problem\+json/);

    const missing = await call('GET', '/reviews/does-not-exist');
    assert.equal(missing.status, 404);
    assert.match(missing.type, /^application\/problem\+json/);
    assert.equal(missing.body.type, 'https://reviewflow.dev/problems/review-not-found');

    const unauthenticated = await call('GET', '/reviews', undefined, {});
    assert.equal(unauthenticated.status, 401);
    const wrongKey = await call('GET', '/reviews', undefined, { authorization: 'Bearer nope' });
    assert.equal(wrongKey.status, 401);
    assert.match(wrongKey.type, /^application\/problem\+json/);

    const badStatus = await call('GET', '/reviews?status=sleeping');
    assert.equal(badStatus.status, 400);
    const noRoute = await call('GET', '/nowhere');
    assert.equal(noRoute.status, 404);
    assert.match(noRoute.type, /^application\/problem\+json/);
  });

  it('cancels a running review', async () => {
    addCommit(repo, { 'src/fourth.js': 'export const z = 3;\n' });
    const started = await call('POST', '/reviews', {
      source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' },
      approval: { required: true },
    });
    await stack.waitFor(started.body.id, (r) => r.status === 'awaiting_approval');
    const cancelled = await call('POST', `/reviews/${started.body.id}/cancel`);
    assert.equal(cancelled.status, 202);
    const done = await stack.waitFor(started.body.id, isTerminalReview);
    assert.equal(done.status, 'cancelled');
    const again = await call('POST', `/reviews/${started.body.id}/cancel`);
    assert.equal(again.status, 409);
    // A cancelled review may be started again by the same request: that is how callers retry.
    const restarted = await call('POST', '/reviews', {
      source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' },
    });
    assert.equal(restarted.status, 202);
    assert.equal(restarted.body.id, started.body.id);
    assert.equal((await stack.waitFor(started.body.id, isTerminalReview)).status, 'completed');
  });

  it('reports readiness and serves the OpenAPI document and Swagger UI', async () => {
    const ready = await call('GET', '/readyz', undefined, {});
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ready');
    const spec = await call('GET', '/openapi.json', undefined, {});
    assert.equal(spec.status, 200);
    assert.ok(spec.body.paths['/reviews/{id}/approval']);
    const docs = await stack.app.inject({ method: 'GET', url: '/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });
});
