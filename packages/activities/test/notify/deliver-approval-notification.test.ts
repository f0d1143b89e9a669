import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { deliverApprovalNotification } from '../../src/notify/deliver-approval-notification.js';

const notification = {
  reviewId: 'review:git:api-1@a..b',
  repository: '/srv/api',
  approvalUrl: 'https://reviews.example.com/approval-links/v1.x.y',
  expiresAt: '2030-01-01T00:00:00.000Z',
  files: 3,
  findings: 4,
  bySeverity: { high: 1, low: 3, medium: 0 },
};

describe('deliverApprovalNotification to a loopback receiver', () => {
  let server: Server;
  let url: string;
  let answer = 200;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('signs the generic JSON event with HMAC over timestamp and body, with a stable idempotency key', async () => {
    const secret = 'webhook-secret-0123456789';
    await deliverApprovalNotification({ url, format: 'json', secret }, notification, 'wf/run/7');
    const got = received.at(-1)!;
    const timestamp = Number(got.headers['x-reviewflow-timestamp']);
    assert.ok(Math.abs(timestamp - Date.now() / 1000) < 60);
    const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${got.body}`).digest('hex')}`;
    const signature = String(got.headers['x-reviewflow-signature']);
    assert.ok(timingSafeEqual(Buffer.from(signature), Buffer.from(expected)), 'the receiver can verify it');
    assert.equal(got.headers['idempotency-key'], 'wf/run/7');
    const event = JSON.parse(got.body);
    assert.equal(event.type, 'review.awaiting_approval');
    assert.equal(event.approvalUrl, notification.approvalUrl);
    assert.match(event.summary, /4 findings \(1 high, 3 low\)/);
  });

  it('sends Slack incoming-webhook JSON with the link, unsigned', async () => {
    await deliverApprovalNotification({ url, format: 'slack' }, notification, 'wf/run/8');
    const got = received.at(-1)!;
    assert.equal(got.headers['x-reviewflow-signature'], undefined);
    const { text, ...rest } = JSON.parse(got.body);
    assert.deepEqual(rest, {});
    assert.ok(text.includes(`<${notification.approvalUrl}|Approve or reject>`), text);
  });

  it('fails permanently on a refusing webhook and retryably on a failing one', async () => {
    answer = 404;
    await assert.rejects(
      deliverApprovalNotification({ url, format: 'json' }, notification, 'k'),
      (err) => err instanceof ApplicationFailure && err.nonRetryable && err.type === 'NotificationRejected',
    );
    for (const status of [429, 503]) {
      answer = status;
      await assert.rejects(
        deliverApprovalNotification({ url, format: 'json' }, notification, 'k'),
        (err) => !(err instanceof ApplicationFailure),
      );
    }
    answer = 200;
  });
});
