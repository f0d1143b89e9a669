import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Interceptor } from '@grpc/grpc-js';
import { dataConverterOf, type PayloadEncryptionConfig } from '@reviewflow/config';
import { createPlantedRepo, findTemporalCli, startDevServer, type DevServer } from '@reviewflow/devkit';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppConfig, type AppDeps } from '../../src/app.js';
import { createTemporalCallMetrics } from '../../src/metrics/temporal-call-metrics.js';
import { waitForReview, type ReviewJson } from './wait-for-review.js';

export const testApiKey = 'test-key-0123456789abcdef';
const testAuth = { authorization: `Bearer ${testApiKey}` };

/**
 * A real Temporal dev server on a free port, both workers in this process (unless `workers: false`),
 * and the app on top.
 */
export interface TestStack {
  app: FastifyInstance;
  /** The test's own client (payload keys included); the app has another one when it counts calls. */
  client: Client;
  server: DevServer;
  dataDir: string;
  /** Another replica of the API over the stack's client, with the stack's defaults; `stop()` closes it. */
  buildApp(config?: Partial<AppConfig>, deps?: Partial<AppDeps>): Promise<FastifyInstance>;
  /** A new planted repository (see `createPlantedRepo`) to review; `stop()` removes it, last. */
  plantedRepo(): string;
  /** Polls `GET /reviews/:id` on `app`, with the test key, until `until` holds (see `waitForReview`). */
  waitFor(id: string, until: (review: ReviewJson) => boolean, timeoutMs?: number): Promise<ReviewJson>;
  stop(): Promise<void>;
}

/** Extra settings: worker-cpu environment (e.g. a GitHub base URL), app config and deps. */
export interface TestStackOptions {
  cpuWorkerEnv?: Record<string, string>;
  app?: Partial<AppConfig>;
  deps?: Partial<AppDeps>;
  /** Payload keys of the API's client and both workers; none: plain history. */
  payloadKeys?: PayloadEncryptionConfig;
  /**
   * false: no workers, for tests of the API alone; they then skip bundling the workflows, which is
   * most of a stack's start-up.
   */
  workers?: boolean;
  /**
   * The app gets a connection of its own with the Temporal call counters (and their retry
   * interceptor) on it, as server.ts builds it, so the test's own calls through `client` are not
   * counted.
   */
  callMetrics?: boolean;
  /** More interceptors on the app's own connection, after the call counters: they see every retry. */
  interceptors?: Interceptor[];
  /** Listen on 127.0.0.1 at this port (e.g. from `freePort()`, known before the workers start). */
  port?: number;
}

const defaultAppConfig = {
  namespace: 'default',
  apiKeys: [testApiKey],
  queryTimeoutMs: 3000,
  readinessTimeoutMs: 2000,
};

/**
 * Starts the stack; `stop()` tears every part down again, newest first. A part that fails to start
 * tears down those already started before the error is rethrown, so a failing `before` leaves no
 * Temporal server or worker behind.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  // Loading the worker code takes seconds of CPU: it runs while the dev server starts (another
  // process), and tests of the API alone (`workers: false`) do not load it at all.
  const workerCode = options.workers === false ? undefined : loadWorkerCode();
  // Awaited below; this only keeps a failed load from being an unhandled rejection if the dev
  // server fails first.
  void workerCode?.catch(() => undefined);
  try {
    const cli = await findTemporalCli();
    if (cli.kind === 'sdk-download') throw new Error('tests need the Temporal CLI (see README)');
    const server = await startDevServer({ cli: cli.path });
    cleanups.push(() => server.stop());
    const dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-data-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    if (workerCode) await startWorkers(await workerCode, server.address, dataDir, options, cleanups);

    const dataConverter = dataConverterOf(options.payloadKeys ?? {});
    const connection = await Connection.connect({ address: server.address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, dataConverter });
    const apps = new Set<FastifyInstance>();
    cleanups.push(async () => {
      for (const app of apps) await app.close();
    });
    const buildReplica = async (config: Partial<AppConfig> = {}, deps: Partial<AppDeps> = {}) => {
      const app = await buildApp({ ...defaultAppConfig, ...config }, { temporal: client, ...deps });
      apps.add(app);
      return app;
    };

    let appDeps: Partial<AppDeps> = {};
    if (options.callMetrics || options.interceptors) {
      const temporalCallMetrics = options.callMetrics ? createTemporalCallMetrics() : undefined;
      const appConnection = await Connection.connect({
        address: server.address,
        interceptors: [...(temporalCallMetrics?.interceptors ?? []), ...(options.interceptors ?? [])],
      });
      cleanups.push(() => appConnection.close());
      appDeps = { temporal: new Client({ connection: appConnection, dataConverter }), temporalCallMetrics };
    }
    const app = await buildReplica(options.app, { ...appDeps, ...options.deps });
    if (options.port !== undefined) await app.listen({ host: '127.0.0.1', port: options.port });
    const plantedRepo = (): string => {
      const repo = createPlantedRepo();
      // Removed after everything else has stopped, so no worker is still reading it.
      cleanups.unshift(() => rmSync(repo, { recursive: true, force: true }));
      return repo;
    };
    const readReview = async (id: string): Promise<ReviewJson> =>
      (await app.inject({ method: 'GET', url: `/reviews/${encodeURIComponent(id)}`, headers: testAuth })).json();
    return {
      app,
      client,
      server,
      dataDir,
      buildApp: buildReplica,
      plantedRepo,
      waitFor: (id, until, timeoutMs) => waitForReview(readReview, id, until, timeoutMs),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** worker-cpu's, worker-gpu's and the Temporal worker's modules. */
function loadWorkerCode() {
  return Promise.all([
    import('@reviewflow/worker-cpu'),
    import('@reviewflow/worker-gpu'),
    import('@temporalio/worker'),
  ]);
}

/** worker-cpu (the starter tier) and worker-gpu on one native connection, polling until stopped. */
async function startWorkers(
  code: Awaited<ReturnType<typeof loadWorkerCode>>,
  address: string,
  dataDir: string,
  options: TestStackOptions,
  cleanups: (() => Promise<void> | void)[],
): Promise<void> {
  const [{ createCpuWorkers, loadCpuWorkerConfig }, { createGpuWorker, loadGpuWorkerConfig }, { NativeConnection }] =
    code;
  const env = { TEMPORAL_ADDRESS: address, REVIEWFLOW_DATA_DIR: dataDir, ...options.payloadKeys };
  const connection = await NativeConnection.connect({ address });
  cleanups.push(() => connection.close());
  const workers = [
    ...(await createCpuWorkers(
      loadCpuWorkerConfig({ ...env, SERVED_TIERS: 'starter', ...options.cpuWorkerEnv }),
      connection,
    )),
    await createGpuWorker(loadGpuWorkerConfig(env), connection),
  ];
  const running = workers.map((w) => w.run());
  cleanups.push(async () => {
    for (const w of workers) w.shutdown();
    await Promise.allSettled(running);
  });
}
