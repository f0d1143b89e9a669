import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGitRepo, findTemporalCli, startDevServer, type DevServer } from '@reviewflow/devkit';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import { TaskQueue, reviewWorkflowType } from '@reviewflow/contract';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadGpuWorkerConfig } from '../src/config.js';
import { createGpuWorker } from '../src/create-gpu-worker.js';

describe('EMBEDDINGS_RATE_LIMIT_PER_SECOND', () => {
  let server: DevServer;
  let dataDir: string;
  before(async () => {
    const cli = await findTemporalCli();
    if (cli.kind !== 'existing-path') throw new Error('the Temporal CLI is required');
    server = await startDevServer({ cli: cli.path });
    dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-rate-'));
  });
  after(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('spreads embedding activities over time at the configured rate, queue-wide', async () => {
    const env = { TEMPORAL_ADDRESS: server.address, REVIEWFLOW_DATA_DIR: dataDir };
    const connection = await NativeConnection.connect({ address: server.address });
    const cpu = await createCpuWorkers(loadCpuWorkerConfig({ ...env, SERVED_TIERS: 'starter' }), connection);
    const gpu = await createGpuWorker(
      loadGpuWorkerConfig({ ...env, GPU_COUNT: '8', EMBEDDINGS_RATE_LIMIT_PER_SECOND: '1', METRICS_PORT: '0' }),
      connection,
    );
    const clientConnection = await Connection.connect({ address: server.address });
    const client = new Client({ connection: clientConnection });
    const starts = await cpu[0]!.runUntil(
      gpu.runUntil(async () => {
        const handles = await Promise.all(
          Array.from({ length: 6 }, async (_, i) => {
            const repo = createGitRepo([{ 'a.txt': 'a\n' }, { 'b.js': `export const b = ${i};\n` }]);
            const sha = (rev: string) => execFileSync('git', ['-C', repo, 'rev-parse', rev]).toString().trim();
            return client.workflow.start(reviewWorkflowType, {
              taskQueue: TaskQueue.cpu,
              workflowId: `rate-${Date.now()}-${i}`,
              args: [{ source: { kind: 'git', path: repo, base: sha('HEAD~1'), head: sha('HEAD') } }],
            });
          }),
        );
        await Promise.all(handles.map((h) => h.result()));
        // When each review's embedding activity started, from its history.
        return Promise.all(
          handles.map(async (h) => {
            const events = (await h.fetchHistory()).events ?? [];
            const scheduled = events.find(
              (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'embedChunks',
            );
            const started = events.find(
              (e) =>
                e.activityTaskStartedEventAttributes?.scheduledEventId?.toString() === scheduled?.eventId?.toString(),
            );
            return Number(started?.eventTime?.seconds ?? 0) * 1000 + Math.floor((started?.eventTime?.nanos ?? 0) / 1e6);
          }),
        );
      }),
    );
    await clientConnection.close();
    await connection.close();
    const spreadMs = Math.max(...starts) - Math.min(...starts);
    // Eight slots could start all six at once; at 1 per second (allowing the server's small burst)
    // the last starts at least 3 s after the first.
    assert.ok(spreadMs >= 3000, `embedding starts spread over ${spreadMs} ms`);
  });
});
