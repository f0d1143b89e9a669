import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmbedChunksResult } from '@reviewflow/activities';
import { createGitRepo, findTemporalCli, startDevServer, type DevServer } from '@reviewflow/devkit';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import { TaskQueue, reviewWorkflowType } from '@reviewflow/contract';
import { Client, Connection, defaultPayloadConverter } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { installTestModels } from './support/test-models.js';
import { execFileSync } from 'node:child_process';

const worker = new URL('./support/slow-gpu-worker.ts', import.meta.url).pathname;

describe('embedding after worker-gpu is killed with SIGKILL', () => {
  let server: DevServer;
  let dataDir: string;
  const children: ChildProcess[] = [];
  before(async () => {
    const cli = await findTemporalCli();
    if (cli.kind !== 'existing-path') throw new Error('the Temporal CLI is required');
    server = await startDevServer({ cli: cli.path });
    dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-resume-'));
  });
  after(async () => {
    for (const c of children) c.kill('SIGKILL');
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const startGpuWorker = (log: string, model: 'hashing' | 'onnx'): ChildProcess => {
    const child = spawn(
      process.execPath,
      ['--conditions=reviewflow-source', '--import', 'tsx', worker, log, '300', model],
      {
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: server.address,
          REVIEWFLOW_DATA_DIR: dataDir,
          EMBEDDING_BATCH_SIZE: '2',
          METRICS_PORT: '0',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    children.push(child);
    return child;
  };
  const lines = (log: string) => readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const waitFor = async (what: string, until: () => boolean, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!until()) {
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
      await sleep(20);
    }
  };

  for (const model of ['hashing', 'onnx'] as const) {
    it(`resumes after the last stored batch instead of starting over (${model === 'onnx' ? 'the real ONNX model' : 'feature hashing'})`, async () => {
      if (model === 'onnx') await installTestModels(dataDir);
      const files: Record<string, string> = {};
      for (let i = 0; i < 20; i++) files[`src/f${String(i).padStart(2, '0')}.js`] = `export const v${i} = ${i};\n`;
      const repo = createGitRepo([{ 'README.md': 'x\n' }, files]);
      const sha = (rev: string) => execFileSync('git', ['-C', repo, 'rev-parse', rev]).toString().trim();

      const cpuConnection = await NativeConnection.connect({ address: server.address });
      const cpuWorkers = await createCpuWorkers(
        loadCpuWorkerConfig({
          TEMPORAL_ADDRESS: server.address,
          REVIEWFLOW_DATA_DIR: dataDir,
          SERVED_TIERS: 'starter',
        }),
        cpuConnection,
      );
      const connection = await Connection.connect({ address: server.address });
      const client = new Client({ connection });
      const log = join(dataDir, 'embed.log');
      writeFileSync(log, '');

      const first = startGpuWorker(log, model);
      const result = await cpuWorkers[0]!.runUntil(async () => {
        const handle = await client.workflow.start(reviewWorkflowType, {
          taskQueue: TaskQueue.cpu,
          workflowId: `resume-${model}-${Date.now()}`,
          args: [{ source: { kind: 'git', path: repo, base: sha('HEAD~1'), head: sha('HEAD') } }],
        });
        // Kill while the fourth batch is being computed (3 stored, one in flight).
        await waitFor('three stored batches', () => lines(log).filter((l) => l.startsWith('end')).length >= 3);
        await waitFor('a batch in flight', () => {
          const l = lines(log);
          return l.filter((x) => x.startsWith('start')).length > l.filter((x) => x.startsWith('end')).length;
        });
        first.kill('SIGKILL');
        await new Promise((resolve) => first.once('exit', resolve));
        const doneBeforeKill = lines(log).filter((l) => l.startsWith('end')).length;
        startGpuWorker(log, model);
        await handle.result();
        const history = await handle.fetchHistory();
        const embed = (history.events ?? [])
          .map((e) => e.activityTaskCompletedEventAttributes?.result?.payloads?.[0])
          .filter((p) => p !== undefined && p !== null)
          .map((p) => defaultPayloadConverter.fromPayload(p) as Partial<EmbedChunksResult>)
          .find((r) => r && typeof r === 'object' && 'batchesReused' in r) as EmbedChunksResult;
        return { embed, doneBeforeKill };
      });
      await connection.close();
      await cpuConnection.close();
      // The next variant polls the same task queue: no worker of this one may take its activities.
      for (const c of children.splice(0)) {
        if (c.exitCode === null && c.signalCode === null) {
          c.kill('SIGKILL');
          await new Promise((resolve) => c.once('exit', resolve));
        }
      }

      const ends = lines(log).filter((l) => l.startsWith('end'));
      const starts = lines(log).filter((l) => l.startsWith('start'));
      assert.equal(result.embed.batchRefs.length, 10);
      assert.equal(result.embed.batchesReused, result.doneBeforeKill, 'every batch stored before the kill was reused');
      assert.equal(result.embed.batchesComputed, 10 - result.doneBeforeKill);
      assert.equal(ends.length, 10, 'each batch was computed to the end exactly once');
      assert.equal(new Set(ends).size, 10);
      assert.equal(starts.length, 11, 'only the batch in flight at the kill was started twice');
      if (model === 'onnx') assert.equal(result.embed.embeddingProvider, 'onnxruntime-cpu');
    });
  }
});
