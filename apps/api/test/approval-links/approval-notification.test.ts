import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPlantedRepo, freePort } from '@reviewflow/devkit';
import type { FastifyInstance } from 'fastify';
import { startTestStack, type TestStack } from '../support/test-stack.js';

type Json = Record<string, any>;
const apiKey = 'notification-test-key-4b1d';
const linkSecret = 'link-secret-for-notification-test-0123';
const webhookSecret = 'webhook-secret-for-notification-test';

// The whole path: a review reaches its gate, worker-cpu's activity sends the signed link to a real
// loopback receiver (which fails the first delivery), a person opens the link and approves.
describe('approval notifications through a real webhook receiver', () => {
  let stack: TestStack;
  let receiver: Server;
  let app: FastifyInstance;
  let repo: string;
  const deliveries: { headers: IncomingHttpHeaders; body: string }[] = [];

  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      // The first delivery fails: the retry must carry the same idempotency key.
      req.on('end', () => res.writeHead(deliveries.push({ headers: req.headers, body }) === 1 ? 503 : 204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    // The port is chosen first: worker-cpu puts the API's URL into the links it sends.
    const port = await freePort();
    stack = await startTestStack({
      app: { apiKeys: [apiKey], approvalLinks: { secret: linkSecret } },
      port,
      cpuWorkerEnv: {
        REVIEWFLOW_PUBLIC_API_URL: `http://127.0.0.1:${port}`,
        REVIEWFLOW_APPROVAL_LINK_SECRET: linkSecret,
        REVIEWFLOW_APPROVAL_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`,
        REVIEWFLOW_APPROVAL_WEBHOOK_FORMAT: 'json',
        REVIEWFLOW_APPROVAL_WEBHOOK_SECRET: webhookSecret,
      },
    });
    app = stack.app;
    repo = createPlantedRepo();
  });
  after(async () => {
    await stack?.stop();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it('delivers the signed link once per gate (same idempotency key on retry) and the link approves', async () => {
    const auth = { authorization: `Bearer ${apiKey}` };
    const started = await app.inject({
      method: 'POST',
      url: '/reviews',
      headers: auth,
      payload: { source: { kind: 'git', path: repo, base: 'HEAD~1' }, approval: { required: true } },
    });
    assert.equal(started.statusCode, 202);
    const id = started.json().id as string;

    const deadline = Date.now() + 60_000;
    while (deliveries.length < 2) {
      if (Date.now() > deadline) assert.fail(`deliveries: ${deliveries.length}`);
      await sleep(200);
    }
    const [first, second] = deliveries as [(typeof deliveries)[0], (typeof deliveries)[0]];
    assert.equal(first.headers['idempotency-key'], second.headers['idempotency-key']);
    assert.ok(String(second.headers['idempotency-key']).startsWith(`${id}/`));
    for (const { headers, body } of [first, second]) {
      const expected = `v1=${createHmac('sha256', webhookSecret)
        .update(`${String(headers['x-reviewflow-timestamp'])}.${body}`)
        .digest('hex')}`;
      assert.ok(timingSafeEqual(Buffer.from(String(headers['x-reviewflow-signature'])), Buffer.from(expected)));
    }
    const event = JSON.parse(second.body) as Json;
    assert.equal(event.type, 'review.awaiting_approval');
    assert.equal(event.reviewId, id);
    assert.equal(event.repository, repo);

    const review = (await app.inject({ method: 'GET', url: `/reviews/${id}`, headers: auth })).json() as Json;
    assert.equal(review.status, 'awaiting_approval');
    assert.equal(new URL(event.approvalUrl).pathname, review.approvalLinks[0].url, 'the API lists the same link');

    // Real HTTP, as a browser would: the page, then the form post.
    const page = await fetch(event.approvalUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /name="decision" value="approve"/);
    const decided = await fetch(event.approvalUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ decision: 'approve', approver: 'Grace' }),
    });
    assert.equal(decided.status, 200);

    for (;;) {
      const r = (await app.inject({ method: 'GET', url: `/reviews/${id}`, headers: auth })).json() as Json;
      if (r.status === 'completed') {
        assert.match(r.approval.decision.approver, /^Grace \(approval link /);
        break;
      }
      if (Date.now() > deadline) assert.fail(JSON.stringify(r).slice(0, 300));
      await sleep(200);
    }
    await sleep(500);
    assert.equal(deliveries.length, 2, 'no more deliveries once delivered');
  });
});
