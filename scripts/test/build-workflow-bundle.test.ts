import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createPlantedRepo, findTemporalCli, startDevServer, type DevServer } from '@reviewflow/devkit';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import { createGpuWorker, loadGpuWorkerConfig } from '@reviewflow/worker-gpu';
import {
  reviewWorkflowId,
  reviewWorkflowType,
  TaskQueue,
  type GitSource,
  type ReviewReport,
} from '@reviewflow/contract';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

/**
 * The image's bundle step (Dockerfile: `build-workflow-bundle.js OUT`) and what worker-cpu does with
 * its output, against a real Temporal dev server: the worker loads the file instead of bundling and
 * runs a whole review from it.
 */
describe('the prebuilt workflow bundle', () => {
  let dir: string;
  let bundle: string;
  let server: DevServer;
  let connection: NativeConnection;
  let repo: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'reviewflow-bundle-'));
    bundle = path.join(dir, 'image', 'workflow-bundle.js');
    // The script as its own process, as the image build runs it (from source here: dist may be stale).
    const script = path.join(root, 'scripts', 'build-workflow-bundle.ts');
    const { stdout } = await run(
      process.execPath,
      ['--conditions=reviewflow-source', '--import', 'tsx', script, bundle],
      {
        cwd: root,
      },
    );
    assert.match(stdout, /workflow bundle: /);
    const cli = await findTemporalCli();
    if (cli.kind !== 'existing-path') throw new Error('this test needs the Temporal CLI (see README)');
    server = await startDevServer({ cli: cli.path });
    connection = await NativeConnection.connect({ address: server.address });
    repo = createPlantedRepo();
  });

  after(async () => {
    await connection?.close();
    await server?.stop();
    for (const folder of [dir, repo]) if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('writes one self-contained file', () => {
    assert.ok(statSync(bundle).size > 100_000, 'webpack output with the SDK workflow runtime inside');
  });

  it('runs a whole review on worker-cpu without bundling at start', async () => {
    const env = {
      TEMPORAL_ADDRESS: server.address,
      REVIEWFLOW_DATA_DIR: path.join(dir, 'data'),
      WORKFLOW_BUNDLE_PATH: bundle,
      SERVED_TIERS: 'starter',
    };
    const workers: Worker[] = [
      ...(await createCpuWorkers(loadCpuWorkerConfig(env), connection)),
      await createGpuWorker(loadGpuWorkerConfig(env), connection),
    ];
    const cpu = workers[0]!;
    assert.deepEqual(cpu.options.workflowBundle, { codePath: bundle }, 'the worker runs the file, not a fresh bundle');
    const running = workers.map((w) => w.run());
    const clientConnection = await Connection.connect({ address: server.address });
    try {
      const client = new Client({ connection: clientConnection });
      const rev = (name: string): string =>
        execFileSync('git', ['-C', repo, 'rev-parse', name], { encoding: 'utf8' }).trim();
      const source: GitSource = { kind: 'git', path: repo, base: rev('HEAD~1'), head: rev('HEAD') };
      const report = await client.workflow.execute(reviewWorkflowType, {
        taskQueue: TaskQueue.cpu,
        workflowId: reviewWorkflowId(source),
        args: [{ source }],
        workflowExecutionTimeout: '2 minutes',
      });
      const result = report as ReviewReport;
      assert.equal(result.outcome, 'completed');
      assert.ok(
        result.findings.some((f) => f.file === 'src/config.js' && f.line === 3 && f.rule.startsWith('secret/')),
        'the planted secret is found',
      );
      assert.ok(result.counts.chunks > 0, 'chunks went through embedding on worker-gpu');
    } finally {
      for (const w of workers) w.shutdown();
      await Promise.allSettled(running);
      await clientConnection.close();
    }
  });

  it('fails the boot when WORKFLOW_BUNDLE_PATH names a missing file', async () => {
    const env = {
      TEMPORAL_ADDRESS: server.address,
      REVIEWFLOW_DATA_DIR: path.join(dir, 'data'),
      WORKFLOW_BUNDLE_PATH: path.join(dir, 'missing.js'),
      SERVED_TIERS: 'starter',
    };
    await assert.rejects(
      createCpuWorkers(loadCpuWorkerConfig(env), connection),
      /WORKFLOW_BUNDLE_PATH is .*missing\.js/,
    );
  });
});
