import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { TaskQueue, reviewWorkflowType, type ReviewReport } from '@reviewflow/contract';
import { findTemporalCli, startDevServer, type DevServer } from '@reviewflow/devkit';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { installTestModels } from './test-models.js';

/** What a test of the local models gets: the worker environment, connections, and a review runner. */
export interface LocalModelsStack {
  dataDir: string;
  env(): Record<string, string>;
  /** A Temporal connection for a worker, closed after the tests. */
  connect(): Promise<NativeConnection>;
  /** Runs one review of the repository's last commit with worker-cpu and `gpu` until it ends. */
  review(gpu: Worker, repo: string, id: string): Promise<ReviewReport>;
}

/**
 * A real Temporal dev server and the test models (SmolLM2-135M, all-MiniLM-L6-v2) in a data
 * folder of their own, for the suite that calls it; stopped and removed after it.
 */
export function useLocalModelsStack(): LocalModelsStack {
  let server: DevServer;
  let client: Client;
  let connection: Connection;
  const native: NativeConnection[] = [];
  const stack: LocalModelsStack = {
    dataDir: '',
    // SmolLM2 raises a finding on nearly every line and often runs to the token limit: a second look
    // at each finding (the hybrid reviewer's tests cover it) and long answers would only make the
    // tests slow. A cut answer keeps its complete findings, or leaves the chunk to the rules. One
    // thread: next to another test file on 2 cores, two spinning llama.cpp threads run slower.
    env: () => ({
      TEMPORAL_ADDRESS: server.address,
      REVIEWFLOW_DATA_DIR: stack.dataDir,
      LLM_THREADS: '1',
      LLM_SECOND_LOOK: 'false',
      LLM_MAX_OUTPUT_TOKENS: '192',
      LLM_CONTEXT_SIZE: '2048',
    }),
    connect: async () => {
      const c = await NativeConnection.connect({ address: server.address });
      native.push(c);
      return c;
    },
    review: async (gpu, repo, id) => {
      const sha = (rev: string) => execFileSync('git', ['-C', repo, 'rev-parse', rev]).toString().trim();
      const [cpu] = await createCpuWorkers(
        loadCpuWorkerConfig({ ...stack.env(), SERVED_TIERS: 'starter' }),
        await stack.connect(),
      );
      return cpu!.runUntil(
        gpu.runUntil(
          client.workflow.execute(reviewWorkflowType, {
            taskQueue: TaskQueue.cpu,
            workflowId: id,
            args: [{ source: { kind: 'git', path: repo, base: sha('HEAD~1'), head: sha('HEAD') } }],
          }) as Promise<ReviewReport>,
        ),
      );
    },
  };
  before(async () => {
    const cli = await findTemporalCli();
    if (cli.kind !== 'existing-path') throw new Error('the Temporal CLI is required (TEMPORAL_CLI_PATH or npm test)');
    stack.dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-local-models-'));
    [server] = await Promise.all([startDevServer({ cli: cli.path }), installTestModels(stack.dataDir)]);
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection });
  });
  after(async () => {
    await connection?.close();
    for (const c of native) await c.close();
    await server?.stop();
    if (stack.dataDir) rmSync(stack.dataDir, { recursive: true, force: true });
  });
  return stack;
}
