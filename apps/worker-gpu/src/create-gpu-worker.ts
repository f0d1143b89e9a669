import { join, resolve } from 'node:path';
import { createGpuActivities, FileArtifactStore, type Embedder, type Reviewer } from '@reviewflow/activities';
import { dataConverterOf } from '@reviewflow/config';
import { TaskQueue } from '@reviewflow/contract';
import { Runtime, Worker, type NativeConnection } from '@temporalio/worker';
import type { GpuWorkerConfig } from './config.js';
import { createEmbedder } from './create-embedder.js';
import { createLocalReviewer } from './create-local-reviewer.js';
import { localModelPaths } from './models/local-model-paths.js';

/** Parts a caller may swap (tests instrument the models; the production defaults are real). */
export interface GpuWorkerOverrides {
  embedder?: Embedder;
  /** A reviewer next to a local model; `null`: none even when a model is present. */
  reviewer?: Reviewer | null;
}

/**
 * The worker of the `reviewflow-gpu` task queue: the models, no workflows. Embedding always; with
 * a local code LLM also the chunk reviews, so that every model call takes one of the activity
 * slots, which follow the GPU count: Temporal never hands a GPU more work than it can hold and the
 * rest waits in the queue (visible as schedule-to-start latency).
 */
export async function createGpuWorker(
  config: GpuWorkerConfig,
  connection: NativeConnection,
  overrides: GpuWorkerOverrides = {},
): Promise<Worker> {
  const store = new FileArtifactStore(join(resolve(config.REVIEWFLOW_DATA_DIR), 'artifacts'));
  const log = (line: string) => Runtime.instance().logger.info(line);
  const needPaths =
    overrides.embedder === undefined || (overrides.reviewer === undefined && config.LLM_PROVIDER !== 'off');
  const paths = needPaths ? await localModelPaths(config) : {};
  const embedder = overrides.embedder ?? (await createEmbedder(config, paths.embeddings, log));
  const local = overrides.reviewer === undefined ? await createLocalReviewer(config, paths.llm, log) : undefined;
  const reviewer = overrides.reviewer === undefined ? local?.reviewer : (overrides.reviewer ?? undefined);
  Runtime.instance().logger.info(
    `models: embedder ${embedder.info.description}; reviewer ${reviewer ? reviewer.info.description : 'on worker-cpu (no local LLM here)'}`,
    { embedder: embedder.info.name, reviewer: reviewer?.info.name ?? null },
  );
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: TaskQueue.gpu,
    dataConverter: dataConverterOf(config),
    activities: createGpuActivities({
      store,
      embedder,
      ...(reviewer ? { reviewer } : {}),
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
