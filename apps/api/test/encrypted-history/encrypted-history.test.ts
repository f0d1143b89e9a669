import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { dataConverterOf } from '@reviewflow/config';
import { addCommit, createPlantedRepo, findTemporalCli, startDevServer, type DevServer } from '@reviewflow/devkit';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import { createGpuWorker, loadGpuWorkerConfig } from '@reviewflow/worker-gpu';
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';

type Json = Record<string, any>;
const apiKey = 'encrypted-history-key-8c2e';

// API and workers share payload keys; Temporal, and anyone reading its history without them, sees
// only ciphertext. The canary is a file name, which lands in findings, activity results and the
// review's result.
describe('encrypted history with a real Temporal dev server', () => {
  let server: DevServer;
  let app: FastifyInstance;
  let connection: Connection;
  let workerConnection: NativeConnection;
  let workers: Worker[] = [];
  let running: Promise<void>[] = [];
  let dataDir: string;
  let repo: string;
  const canary = `canary-${randomBytes(6).toString('hex')}`;
  const keys = {
    REVIEWFLOW_PAYLOAD_KEYS: `old:${randomBytes(32).toString('base64')},new:${randomBytes(32).toString('base64')}`,
    REVIEWFLOW_PAYLOAD_KEY_ID: 'new',
  };

  before(async () => {
    const cli = await findTemporalCli();
    if (cli.kind === 'sdk-download') throw new Error('tests need the Temporal CLI (see README)');
    server = await startDevServer({ cli: cli.path });
    dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-encrypted-'));
    const env = { TEMPORAL_ADDRESS: server.address, REVIEWFLOW_DATA_DIR: dataDir, ...keys };
    workerConnection = await NativeConnection.connect({ address: server.address });
    workers = [
      ...(await createCpuWorkers(loadCpuWorkerConfig({ ...env, SERVED_TIERS: 'starter' }), workerConnection)),
      await createGpuWorker(loadGpuWorkerConfig(env), workerConnection),
    ];
    running = workers.map((w) => w.run());
    connection = await Connection.connect({ address: server.address });
    app = await buildApp(
      { namespace: 'default', apiKeys: [apiKey], queryTimeoutMs: 3000, readinessTimeoutMs: 2000 },
      { temporal: new Client({ connection, dataConverter: dataConverterOf(keys) }) },
    );
    repo = createPlantedRepo();
    addCommit(repo, { [`src/${canary}.js`]: 'console.log("debug");\n' });
  });
  after(async () => {
    await app?.close();
    for (const w of workers) w.shutdown();
    await Promise.allSettled(running);
    await workerConnection?.close();
    await connection?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
    const raw = new Client({ connection });
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
