import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPlantedRepo, findTemporalCli, startDevServer, type DevServer } from '@reviewflow/devkit';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import { createGpuWorker, loadGpuWorkerConfig } from '@reviewflow/worker-gpu';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';

type Json = Record<string, any>;
const apiKey = 'notification-test-key-4b1d';
const linkSecret = 'link-secret-for-notification-test-0123';
const webhookSecret = 'webhook-secret-for-notification-test';

// The whole path: a review reaches its gate, worker-cpu's activity sends the signed link to a real
// loopback receiver (which fails the first delivery), a person opens the link and approves.
describe('approval notifications through a real webhook receiver', () => {
  let server: DevServer;
  let receiver: Server;
  let app: FastifyInstance;
  let connection: Connection;
  let workerConnection: NativeConnection;
  let workers: Worker[] = [];
  let running: Promise<void>[] = [];
  let dataDir: string;
  let repo: string;
  const deliveries: { headers: IncomingHttpHeaders; body: string }[] = [];

  before(async () => {
    const cli = await findTemporalCli();
    if (cli.kind === 'sdk-download') throw new Error('tests need the Temporal CLI (see README)');
    server = await startDevServer({ cli: cli.path });
    receiver = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      // The first delivery fails: the retry must carry the same idempotency key.
      req.on('end', () => res.writeHead(deliveries.push({ headers: req.headers, body }) === 1 ? 503 : 204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    connection = await Connection.connect({ address: server.address });
    app = await buildApp(
      {
        namespace: 'default',
        apiKeys: [apiKey],
        queryTimeoutMs: 3000,
        readinessTimeoutMs: 2000,
        approvalLinks: { secret: linkSecret },
      },
      { temporal: new Client({ connection }) },
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    const apiUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-notify-'));
    const env = {
      TEMPORAL_ADDRESS: server.address,
      REVIEWFLOW_DATA_DIR: dataDir,
      REVIEWFLOW_PUBLIC_API_URL: apiUrl,
      REVIEWFLOW_APPROVAL_LINK_SECRET: linkSecret,
      REVIEWFLOW_APPROVAL_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`,
      REVIEWFLOW_APPROVAL_WEBHOOK_FORMAT: 'json',
      REVIEWFLOW_APPROVAL_WEBHOOK_SECRET: webhookSecret,
    };
    workerConnection = await NativeConnection.connect({ address: server.address });
    workers = [
      ...(await createCpuWorkers(loadCpuWorkerConfig({ ...env, SERVED_TIERS: 'starter' }), workerConnection)),
      await createGpuWorker(loadGpuWorkerConfig(env), workerConnection),
    ];
    running = workers.map((w) => w.run());
    repo = createPlantedRepo();
  });
  after(async () => {
    await app?.close();
    for (const w of workers) w.shutdown();
    await Promise.allSettled(running);
    await workerConnection?.close();
    await connection?.close();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
