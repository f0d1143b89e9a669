import { join, resolve } from 'node:path';
import { createGpuActivities, FileArtifactStore, type Embedder } from '@reviewflow/activities';
import { dataConverterOf } from '@reviewflow/config';
import { TaskQueue } from '@reviewflow/workflows';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { GpuWorkerConfig } from './config.js';
import { createEmbedder } from './create-embedder.js';

/**
 * The worker of the `reviewflow-gpu` task queue: embedding activities only, no workflows. Its
 * activity slots follow the GPU count, so Temporal never hands a GPU more work than it can hold and
 * the rest waits in the queue (visible as schedule-to-start latency).
 */
export async function createGpuWorker(
  config: GpuWorkerConfig,
  connection: NativeConnection,
  overrides: { embedder?: Embedder } = {},
): Promise<Worker> {
  const store = new FileArtifactStore(join(resolve(config.REVIEWFLOW_DATA_DIR), 'artifacts'));
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: TaskQueue.gpu,
    dataConverter: dataConverterOf(config),
    activities: createGpuActivities({
      store,
      embedder: overrides.embedder ?? createEmbedder(config),
      batchSize: config.EMBEDDING_BATCH_SIZE,
    }),
    maxConcurrentActivityTaskExecutions: config.GPU_COUNT * config.EMBEDDINGS_PER_GPU,
    // A shared embedding service has one quota for all GPU workers: the Temporal server hands out
    // activities of this queue at this rate, however many workers poll it.
    ...(config.EMBEDDINGS_RATE_LIMIT_PER_SECOND === undefined
      ? {}
      : { maxTaskQueueActivitiesPerSecond: config.EMBEDDINGS_RATE_LIMIT_PER_SECOND }),
    shutdownGraceTime: `${config.SHUTDOWN_GRACE_SECONDS} seconds`,
  });
}
