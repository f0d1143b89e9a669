import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataConverterOf, type PayloadEncryptionConfig } from '@reviewflow/config';
import { findTemporalCli, startDevServer, type DevServer } from '@reviewflow/devkit';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import { createGpuWorker, loadGpuWorkerConfig } from '@reviewflow/worker-gpu';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig, type AppDeps } from '../../src/app.js';

export const testApiKey = 'test-key-0123456789abcdef';

/** A real Temporal dev server on a free port, both workers in this process, and the app on top. */
export interface TestStack {
  app: FastifyInstance;
  client: Client;
  server: DevServer;
  dataDir: string;
  stop(): Promise<void>;
}

/** Extra settings: worker-cpu environment (e.g. a GitHub base URL), app config and deps. */
export interface TestStackOptions {
  cpuWorkerEnv?: Record<string, string>;
  app?: Partial<AppConfig>;
  deps?: Partial<AppDeps>;
  /** Payload keys of the API's client and both workers; none: plain history. */
  payloadKeys?: PayloadEncryptionConfig;
}

/** Starts the stack; `stop()` tears every part down again. */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const cli = await findTemporalCli();
  if (cli.kind === 'sdk-download') throw new Error('tests need the Temporal CLI (see README)');
  const server = await startDevServer({ cli: cli.path });
  const dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-data-'));
  const env = { TEMPORAL_ADDRESS: server.address, REVIEWFLOW_DATA_DIR: dataDir, ...options.payloadKeys };
  const workerConnection = await NativeConnection.connect({ address: server.address });
  const workers: Worker[] = [
    ...(await createCpuWorkers(
      loadCpuWorkerConfig({ ...env, SERVED_TIERS: 'starter', ...options.cpuWorkerEnv }),
      workerConnection,
    )),
    await createGpuWorker(loadGpuWorkerConfig(env), workerConnection),
  ];
  const running = workers.map((w) => w.run());
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter: dataConverterOf(options.payloadKeys ?? {}) });
  const app = await buildApp(
    { namespace: 'default', apiKeys: [testApiKey], queryTimeoutMs: 3000, readinessTimeoutMs: 2000, ...options.app },
    { temporal: client, ...options.deps },
  );
  return {
    app,
    client,
    server,
    dataDir,
    async stop() {
      await app.close();
      for (const w of workers) w.shutdown();
      await Promise.allSettled(running);
      await workerConnection.close();
      await connection.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
