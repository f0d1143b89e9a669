import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCpuActivities,
  createGpuActivities,
  FeatureHashingEmbedder,
  FileArtifactStore,
  OfflineReviewer,
  type ArtifactStore,
  type Embedder,
  type Reviewer,
} from '@reviewflow/activities';
import { bundleWorkflowCode, Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import { TaskQueue } from '@reviewflow/contract';
import { workflowBundleSource } from '../../src/workflow-bundle-source.js';

let bundle: Promise<WorkflowBundle> | undefined;

/** The workflow bundle, built once per test process. */
export function testWorkflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({
    ...workflowBundleSource,
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  return bundle;
}

/** Options of {@link startReviewWorkers}. */
export interface ReviewWorkersOptions {
  store?: ArtifactStore;
  reviewer?: Reviewer;
  embedder?: Embedder;
  /** CPU task queues to serve; the default queue only unless given. */
  cpuQueues?: string[];
  maxConcurrentActivities?: number;
  gpuBatchSize?: number;
}

/** Real CPU and GPU workers of the production activity factories, running in this process. */
export interface ReviewWorkers {
  store: ArtifactStore;
  dataDir: string;
  /** Runs `fn` while the workers poll, then shuts them down. */
  runUntil<R>(fn: () => Promise<R>): Promise<R>;
}

export async function startReviewWorkers(
  connection: NativeConnection,
  options: ReviewWorkersOptions = {},
): Promise<ReviewWorkers> {
  const dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-wf-'));
  const store = options.store ?? new FileArtifactStore(dataDir);
  const cpuActivities = createCpuActivities({ store, reviewer: options.reviewer ?? new OfflineReviewer() });
  const workflowBundle = await testWorkflowBundle();
  const workers = await Promise.all([
    ...(options.cpuQueues ?? [TaskQueue.cpu]).map((taskQueue) =>
      Worker.create({
        connection,
        taskQueue,
        workflowBundle,
        activities: cpuActivities,
        maxConcurrentActivityTaskExecutions: options.maxConcurrentActivities ?? 64,
      }),
    ),
    Worker.create({
      connection,
      taskQueue: TaskQueue.gpu,
      activities: createGpuActivities({
        store,
        embedder: options.embedder ?? new FeatureHashingEmbedder(),
        ...(options.gpuBatchSize ? { batchSize: options.gpuBatchSize } : {}),
      }),
    }),
  ]);
  return {
    store,
    dataDir,
    runUntil: <R>(fn: () => Promise<R>): Promise<R> =>
      workers.reduce<() => Promise<R>>((inner, worker) => () => worker.runUntil(inner), fn)(),
  };
}
