import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { addCommit, createPlantedRepo, findTemporalCli, startDevServer, type DevServer } from '@reviewflow/devkit';
import { Client, Connection } from '@temporalio/client';
import { startBenchStack, type BenchStack } from '../bench/start-bench-stack.js';

const root = new URL('../..', import.meta.url).pathname;
type Json = Record<string, any>;

// `npm start` (scripts/start.ts) as a developer runs it, against a test Temporal server: approval
// links work out of the box, and REVIEWFLOW_DEV_ENCRYPTION=1 encrypts history with a key kept in
// the data folder while the loopback codec endpoint decodes it for the Web UI.
describe('npm start: approval links and encrypted history', () => {
  let server: DevServer;
  let stack: BenchStack;
  let dataDir: string;
  let repo: string;

  before(async () => {
    const cli = await findTemporalCli();
    if (cli.kind === 'sdk-download') throw new Error('tests need the Temporal CLI (see README)');
    server = await startDevServer({ cli: cli.path });
    dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-start-security-'));
    stack = await startBenchStack({
      root,
      temporalAddress: server.address,
      dataDir,
      env: { REVIEWFLOW_DEV_ENCRYPTION: '1', LOG_LEVEL: 'warn' },
    });
    repo = createPlantedRepo();
  });
  after(async () => {
    await stack?.stop();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it('lists a working approval link and stores ciphertext the codec endpoint decodes', async () => {
    for (const file of ['approval-link-secret', 'payload-key']) {
      assert.equal(statSync(join(dataDir, file)).mode & 0o777, 0o600, `${file} is the owner's alone`);
    }
    addCommit(repo, { 'src/start.js': 'console.log("x");\n' });
    const auth = { authorization: `Bearer ${stack.apiKey}` };
    const started = await fetch(`${stack.api}/reviews`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ source: { kind: 'git', path: repo, base: 'HEAD~1' }, approval: { required: true } }),
    });
    assert.equal(started.status, 202);
    const id = ((await started.json()) as Json).id as string;
    let review: Json = {};
    for (const deadline = Date.now() + 60_000; review.status !== 'awaiting_approval'; await sleep(200)) {
      if (Date.now() > deadline) assert.fail(JSON.stringify(review).slice(0, 300));
      review = (await (
        await fetch(`${stack.api}/reviews/${encodeURIComponent(id)}`, { headers: auth })
      ).json()) as Json;
    }
    const link = review.approvalLinks[0].url as string;
    assert.ok(link.startsWith(`${stack.api}/approval-links/`), link);
    const page = await fetch(link);
    assert.equal(page.status, 200);
    assert.ok((await page.text()).includes('Approve'));

    const connection = await Connection.connect({ address: server.address });
    try {
      const history = await new Client({ connection }).workflow.getHandle(id).fetchHistory();
      const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      const b64 = (b?: Uint8Array | null) => Buffer.from(b ?? []).toString('base64');
      assert.equal(Buffer.from(input?.metadata?.encoding ?? []).toString(), 'binary/encrypted');
      // The dev server's Web UI calls this from its own origin, without credentials.
      const decoded = await fetch(`${stack.api}/codec/decode`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:8233', 'x-namespace': 'default' },
        body: JSON.stringify({
          payloads: [
            {
              metadata: Object.fromEntries(Object.entries(input!.metadata!).map(([k, v]) => [k, b64(v)])),
              data: b64(input!.data),
            },
          ],
        }),
      });
      assert.equal(decoded.status, 200);
      assert.equal(decoded.headers.get('access-control-allow-origin'), 'http://localhost:8233');
      const [payload] = ((await decoded.json()) as Json).payloads;
      assert.equal(JSON.parse(Buffer.from(payload.data, 'base64').toString()).source.path, repo);
    } finally {
      await connection.close();
    }
  });
});
