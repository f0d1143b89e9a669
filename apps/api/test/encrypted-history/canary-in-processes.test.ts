import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { dataConverterOf } from '@reviewflow/config';
import {
  addCommit,
  createPlantedRepo,
  findTemporalCli,
  freePort,
  startDevServer,
  startFakeGitHub,
  type DevServer,
  type FakeGitHub,
} from '@reviewflow/devkit';
import { bundleWorkflows } from '@reviewflow/worker-cpu';
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { startAppProcess, type AppProcess } from './support/app-process.js';

type Json = Record<string, any>;
const apiKey = 'canary-test-key-3a9d41';

// The API and both workers run as real processes with payload keys, as deployed. A canary goes into
// requests (an include glob), into the repository under review (a file name and a "secret" in its
// content) and, for a review made to fail, into the failure message (the head GitHub reports). It
// must reach the API's answers, yet never Temporal's history nor any log line of the three.
describe('a canary secret stays out of history and logs (API and workers as processes)', () => {
  let server: DevServer;
  let gh: FakeGitHub;
  let apps: AppProcess[] = [];
  let connection: Connection;
  let dataDir: string;
  let repo: string;
  let api: string;
  const canary = `canary${randomBytes(8).toString('hex')}`;
  // Hex, as GitHub reports heads: the fake's head of the pull request, quoted by the failure.
  const canaryHead = randomBytes(20).toString('hex');
  const keys = { REVIEWFLOW_PAYLOAD_KEYS: `k1:${randomBytes(32).toString('base64')}` };

  before(async () => {
    const cli = await findTemporalCli();
    if (cli.kind === 'sdk-download') throw new Error('tests need the Temporal CLI (see README)');
    server = await startDevServer({ cli: cli.path });
    gh = await startFakeGitHub();
    gh.addPullRequest({
      owner: 'acme',
      repo: 'api',
      number: 5,
      headSha: canaryHead,
      baseSha: 'b'.repeat(40),
      files: [],
    });
    dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-canary-'));
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    const common = {
      TEMPORAL_ADDRESS: server.address,
      REVIEWFLOW_DATA_DIR: dataDir,
      GITHUB_API_URL: gh.baseUrl,
      METRICS_PORT: '0',
      LOG_LEVEL: 'debug',
      ...keys,
    };
    apps = [
      startAppProcess('apps/api/src/server.ts', { ...common, PORT: String(port), REVIEWFLOW_API_KEYS: apiKey }),
      startAppProcess('apps/worker-cpu/src/main.ts', common),
      startAppProcess('apps/worker-gpu/src/main.ts', common),
    ];
    const deadline = Date.now() + 120_000;
    while (
      !(await fetch(`${api}/readyz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline) assert.fail(`the API never got ready:\n${apps[0]!.output().slice(-2000)}`);
      await sleep(300);
    }
    connection = await Connection.connect({ address: server.address });
    repo = createPlantedRepo();
    addCommit(repo, { [`src/${canary}.js`]: `const password = "${canary}";\nconsole.log(password);\n` });
  });
  after(async () => {
    await Promise.allSettled(apps.map((a) => a.stop()));
    await connection?.close();
    await gh?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Json };
  };
  const waitForEnd = async (id: string): Promise<Json> => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { body } = await call('GET', `/reviews/${encodeURIComponent(id)}`);
      if (['completed', 'failed', 'rejected', 'cancelled'].includes(body.status)) return body;
      if (Date.now() > deadline) assert.fail(`review ${id} stuck: ${JSON.stringify(body).slice(0, 300)}`);
      await sleep(300);
    }
  };
  const rawHistory = async (id: string) => new Client({ connection }).workflow.getHandle(id).fetchHistory();
  const bytesOf = (history: proto.temporal.api.history.v1.IHistory) =>
    Buffer.from(proto.temporal.api.history.v1.History.encode(history).finish());

  it('finds the canary in the API answers but in no history and no log line', async () => {
    const paths = { include: ['src/**', `**/*${canary}*`] };
    const passed = await call('POST', '/reviews', { source: { kind: 'git', path: repo, base: 'HEAD~1' }, paths });
    assert.equal(passed.status, 202, JSON.stringify(passed.body));
    const failing = await call('POST', '/reviews', {
      source: { kind: 'github', owner: 'acme', repo: 'api', pullNumber: 5, headSha: 'd'.repeat(40) },
      paths,
    });
    assert.equal(failing.status, 202, JSON.stringify(failing.body));

    const done = await waitForEnd(passed.body.id);
    assert.equal(done.status, 'completed', JSON.stringify(done).slice(0, 400));
    assert.ok(JSON.stringify(done.findings).includes(canary), 'the API decodes findings about the canary file');
    const failed = await waitForEnd(failing.body.id);
    assert.equal(failed.status, 'failed', JSON.stringify(failed).slice(0, 400));
    // The API reads failure messages through the same converter: the real message, not "Encoded failure".
    assert.equal(failed.failure.type, 'GitHubHeadMismatch');
    assert.ok(failed.failure.message.includes(canaryHead), failed.failure.message);

    for (const id of [passed.body.id, failing.body.id]) {
      const bytes = bytesOf(await rawHistory(id));
      assert.ok(bytes.includes('binary/encrypted'), `${id}: payloads are ciphertext`);
      for (const secret of [canary, canaryHead]) assert.ok(!bytes.includes(secret), `${id}: ${secret} in raw history`);
    }
    const events = (await rawHistory(failing.body.id)).events ?? [];
    const failure = events.find((e) => e.workflowExecutionFailedEventAttributes)?.workflowExecutionFailedEventAttributes
      ?.failure;
    assert.equal(failure?.message, 'Encoded failure', 'the workflow failure message is a payload');
    assert.equal(Buffer.from(failure?.encodedAttributes?.metadata?.encoding ?? []).toString(), 'binary/encrypted');
    const activityFailure = events.find((e) => e.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes
      ?.failure;
    assert.equal(activityFailure?.message, 'Encoded failure', 'the activity failure message is a payload');

    // Logs: every line the three processes printed, at debug level.
    const [apiLog, cpuLog, gpuLog] = apps.map((a) => a.output());
    assert.ok(apiLog!.includes('/reviews'), 'the API log has the requests');
    assert.ok(cpuLog!.length > 0 && gpuLog!.length > 0, 'the workers logged');
    for (const [name, log] of [
      ['api', apiLog],
      ['worker-cpu', cpuLog],
      ['worker-gpu', gpuLog],
    ] as const) {
      for (const secret of [canary, canaryHead]) {
        const line = log!.split('\n').find((l) => l.includes(secret));
        assert.equal(line, undefined, `${name} logged ${secret}`);
      }
    }
  });

  it('replays the encrypted histories, failures included, with the bundle worker-cpu runs', async () => {
    const dataConverter = dataConverterOf(keys);
    const client = new Client({ connection, dataConverter });
    const workflowBundle = await bundleWorkflows();
    let replayed = 0;
    for await (const execution of client.workflow.list({ query: 'WorkflowType = "reviewPullRequest"' })) {
      const history = await client.workflow.getHandle(execution.workflowId).fetchHistory();
      await Worker.runReplayHistory({ workflowBundle, dataConverter }, history, execution.workflowId);
      replayed += 1;
    }
    assert.equal(replayed, 2);
  });
});
