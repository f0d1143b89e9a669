import { join, resolve } from 'node:path';
import { createCpuActivities, FileArtifactStore, OfflineReviewer } from '@reviewflow/activities';
import { TaskQueue } from '@reviewflow/workflows';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { CpuWorkerConfig } from './config.js';
import { loadWorkflowBundle } from './load-workflow-bundle.js';

/**
 * The worker of the `reviewflow-cpu` task queue: it hosts every workflow and the git, review and
 * publishing activities. Its workflow code is the prebuilt bundle when one is configured, else bundled
 * from source at start.
 */
export async function createCpuWorker(config: CpuWorkerConfig, connection: NativeConnection): Promise<Worker> {
  const store = new FileArtifactStore(join(resolve(config.REVIEWFLOW_DATA_DIR), 'artifacts'));
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: TaskQueue.cpu,
    workflowBundle: await loadWorkflowBundle(config),
    activities: createCpuActivities({ store, reviewer: new OfflineReviewer() }),
    maxConcurrentActivityTaskExecutions: config.MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: config.MAX_CONCURRENT_WORKFLOW_TASKS,
    shutdownGraceTime: `${config.SHUTDOWN_GRACE_SECONDS} seconds`,
  });
}
