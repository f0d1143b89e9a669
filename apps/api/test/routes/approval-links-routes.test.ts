import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addCommit } from '@reviewflow/devkit';
import { approvalLinkId, signApprovalLink } from '@reviewflow/contract/approval-link-token';
import type { FastifyInstance } from 'fastify';
import { hashApiKey } from '../../src/auth/hash-api-key.js';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';

type Json = Record<string, any>;
const secret = 'approval-link-test-secret-0123456789abcdef';
const readerKey = 'reader-key-approval-links-7f3e';

describe('approval links against a real Temporal dev server', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let repo: string;

  before(async () => {
    stack = await startTestStack({
      app: {
        apiKeys: [testApiKey, { name: 'reader', sha256: hashApiKey(readerKey), scopes: ['reviews:read'] }],
        approvalLinks: { secret, publicUrl: 'https://reviews.example.com/' },
      },
    });
    app = stack.app;
    repo = stack.plantedRepo();
  });
  after(async () => {
    await stack?.stop();
  });

  const getReview = async (id: string, key = testApiKey): Promise<Json> =>
    (await app.inject({ method: 'GET', url: `/reviews/${id}`, headers: { authorization: `Bearer ${key}` } })).json();
  const startWaiting = async (file: string): Promise<{ id: string; path: string }> => {
    addCommit(repo, { [file]: 'console.log("x");\n' });
    const started = await app.inject({
      method: 'POST',
      url: '/reviews',
      headers: { authorization: `Bearer ${testApiKey}` },
      payload: { source: { kind: 'git', path: repo, base: 'HEAD~1' }, approval: { required: true } },
    });
    assert.equal(started.statusCode, 202);
    const id = started.json().id as string;
    const waiting = await stack.waitFor(id, (r) => r.status === 'awaiting_approval');
    assert.equal(waiting.approvalLinks.length, 1);
    const link = waiting.approvalLinks[0];
    assert.deepEqual(link.rights, ['approve', 'reject']);
    assert.equal(
      link.expiresAt,
      new Date(Math.floor(Date.parse(waiting.approval.deadline) / 1000) * 1000).toISOString(),
    );
    assert.ok(link.url.startsWith('https://reviews.example.com/approval-links/v1.'), link.url);
    return { id, path: new URL(link.url).pathname };
  };
  const form = (path: string, fields: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('shows the review on GET without deciding, and records one decision with its approver on POST', async () => {
    const { id, path } = await startWaiting('src/links.js');
    assert.equal((await getReview(id, readerKey)).approvalLinks, undefined, 'links only for approvals:write');

    for (let i = 0; i < 3; i++) {
      const page = await app.inject({ method: 'GET', url: path });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
      assert.equal(page.headers['x-frame-options'], 'DENY');
      assert.equal(page.headers['referrer-policy'], 'no-referrer');
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.ok(page.body.includes(id));
      assert.match(page.body, /<button type="submit" name="decision" value="approve">Approve<\/button>/);
    }
    assert.equal((await getReview(id)).status, 'awaiting_approval', 'GET never decides');

    const decided = await form(path, { decision: 'approve', approver: 'Alice <alice@example.com>', reason: '' });
    assert.equal(decided.statusCode, 200, decided.body);
    assert.match(decided.body, /Recorded: approved by Alice &lt;alice@example.com&gt;/);

    // A second use: another decision is refused, and the review keeps the first.
    const again = await form(path, { decision: 'reject', approver: 'Mallory' });
    assert.equal(again.statusCode, 409);
    assert.match(String(again.headers['content-type']), /^application\/problem\+json/);

    const done = await stack.waitFor(id, (r) => ['completed', 'rejected'].includes(r.status));
    assert.equal(done.status, 'completed');
    assert.equal(done.approval.decision.decision, 'approve');
    assert.match(done.approval.decision.approver, /^Alice <alice@example\.com> \(approval link [A-Za-z0-9_-]{8}\)$/);
    assert.ok(!Number.isNaN(Date.parse(done.approval.decision.decidedAt)));
    assert.equal(done.approvalLinks, undefined);

    const late = await app.inject({ method: 'POST', url: path, payload: { decision: 'approve', approver: 'Alice' } });
    assert.equal(late.statusCode, 409, 'a decision after the review ended');
    assert.equal(late.json().type, 'https://reviewflow.dev/problems/review-closed');
  });

  it('refuses forged, expired and malformed links and bad bodies with clear 4xx answers', async () => {
    const { id, path } = await startWaiting('src/refused.js');
    const token = path.split('/').pop()!;
    const [v, payload, sig] = token.split('.') as [string, string, string];
    const flipped = `${v}.${payload}.${(sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)}`;
    const otherSecret = signApprovalLink('another-secret-0123456789abcdefghij', {
      reviewId: id,
      rights: ['approve'],
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
      linkId: 'x',
    });
    const expiresAt = Math.floor(Date.now() / 1000) - 1;
    const expired = signApprovalLink(secret, {
      reviewId: id,
      rights: ['approve', 'reject'],
      expiresAt,
      linkId: approvalLinkId(secret, id, expiresAt),
    });
    const cases: [string, number][] = [
      [flipped, 403],
      [otherSecret, 403],
      [`${v}.${Buffer.from('{"r":"x"}').toString('base64url')}.${sig}`, 403],
      // Not the shape of a link (the documented pattern): refused by validation.
      ['v1..', 400],
      ['v2.a.b', 400],
      // Not UTF-8 once decoded: Fastify refuses the URL itself.
      ['%00%ff', 400],
      ['%2e%2e%2f%2e%2e%2fetc', 400],
      [expired, 410],
    ];
    for (const [bad, status] of cases) {
      for (const method of ['GET', 'POST'] as const) {
        const res = await app.inject({
          method,
          url: `/approval-links/${bad}`,
          ...(method === 'POST' ? { payload: { decision: 'approve', approver: 'Eve' } } : {}),
        });
        assert.equal(res.statusCode, status, `${method} ${bad.slice(0, 30)}`);
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      }
    }
    const approveOnly = signApprovalLink(secret, {
      reviewId: id,
      rights: ['approve'],
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
      linkId: 'approve-only',
    });
    assert.equal(
      (await form(`/approval-links/${approveOnly}`, { decision: 'reject', approver: 'Eve' })).statusCode,
      403,
    );

    const bodies: [Record<string, string>, string, number][] = [
      [{}, 'application/json', 400],
      [{ decision: 'approve' }, 'application/json', 400],
      [{ decision: 'approve', approver: '   ' }, 'application/json', 400],
      [{ decision: 'maybe', approver: 'Eve' }, 'application/json', 400],
      [{ decision: 'approve', approver: 'Eve', admin: 'true' }, 'application/json', 400],
    ];
    for (const [body, type, status] of bodies) {
      const res = await app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': type },
        payload: JSON.stringify(body),
      });
      assert.equal(res.statusCode, status, JSON.stringify(body));
    }
    // Fastify parses text/plain itself: a string is not a decision (400); other types are 415.
    for (const [type, status] of [
      ['text/plain', 400],
      ['application/xml', 415],
      ['multipart/form-data; boundary=x', 415],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': type },
        payload: 'approve',
      });
      assert.equal(res.statusCode, status, type);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    }
    const huge = await form(path, { decision: 'approve', approver: 'E', reason: 'r'.repeat(32 * 1024) });
    assert.equal(huge.statusCode, 413);
    assert.equal((await getReview(id)).status, 'awaiting_approval', 'nothing above decided');

    const json = await app.inject({
      method: 'POST',
      url: path,
      payload: { decision: 'reject', approver: 'Bob', reason: 'no' },
    });
    assert.equal(json.statusCode, 200);
    assert.equal(json.json().decision, 'reject');
    const done = await stack.waitFor(id, (r) => ['completed', 'rejected'].includes(r.status));
    assert.equal(done.status, 'rejected');
    assert.equal(done.approval.decision.reason, 'no');
  });
});
