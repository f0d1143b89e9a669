import { join, resolve } from 'node:path';
import { createCpuActivities, FileArtifactStore, OfflineReviewer } from '@reviewflow/activities';
import { TaskQueue } from '@reviewflow/workflows';
import { workflowBundleSource } from '@reviewflow/workflows/bundle-source';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { CpuWorkerConfig } from './config.js';

/**
 * The worker of the `reviewflow-cpu` task queue: it hosts every workflow and the git, review and
 * publishing activities. The workflow code is bundled from source at start.
 */
export async function createCpuWorker(config: CpuWorkerConfig, connection: NativeConnection): Promise<Worker> {
  const store = new FileArtifactStore(join(resolve(config.REVIEWFLOW_DATA_DIR), 'artifacts'));
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: TaskQueue.cpu,
    ...workflowBundleSource,
    activities: createCpuActivities({ store, reviewer: new OfflineReviewer() }),
    maxConcurrentActivityTaskExecutions: config.MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: config.MAX_CONCURRENT_WORKFLOW_TASKS,
    shutdownGraceTime: `${config.SHUTDOWN_GRACE_SECONDS} seconds`,
  });
}
