import { join, resolve } from 'node:path';
import {
  createCpuActivities,
  createGitHubClients,
  FileArtifactStore,
  type ArtifactStore,
  type Reviewer,
} from '@reviewflow/activities';
import { dataConverterOf } from '@reviewflow/config';
import { tierTaskQueue, type Tier } from '@reviewflow/contract';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { approvalNotificationsOf } from './approval-notifications-of.js';
import type { CpuWorkerConfig } from './config.js';
import { createReviewer } from './create-reviewer.js';
import { gitHubAuthOf } from './github-auth-of.js';
import { loadWorkflowBundle } from './load-workflow-bundle.js';

/** Parts a caller may swap (tests instrument the reviewer; the production defaults are real). */
export interface CpuWorkerOverrides {
  reviewer?: Reviewer;
  store?: ArtifactStore;
}

/** The tiers a worker-cpu serves, from `SERVED_TIERS`. */
export function servedTiers(config: CpuWorkerConfig): Tier[] {
  return [...new Set(config.SERVED_TIERS.split(',').map((t) => t.trim()) as Tier[])];
}

/**
 * One worker per served tier queue (`reviewflow-cpu` for starter, `reviewflow-cpu-<tier>` above),
 * all in this process and sharing one connection and one workflow bundle: each hosts every workflow
 * and the git, review and publishing activities.
 */
export async function createCpuWorkers(
  config: CpuWorkerConfig,
  connection: NativeConnection,
  overrides: CpuWorkerOverrides = {},
): Promise<Worker[]> {
  const store = overrides.store ?? new FileArtifactStore(join(resolve(config.REVIEWFLOW_DATA_DIR), 'artifacts'));
  const approvalNotifications = approvalNotificationsOf(config);
  const activities = createCpuActivities({
    store,
    reviewer: overrides.reviewer ?? createReviewer(config),
    github: createGitHubClients({ baseUrl: config.GITHUB_API_URL, auth: gitHubAuthOf(config) }),
    ...(config.REVIEWFLOW_PUBLIC_API_URL ? { publicApiUrl: config.REVIEWFLOW_PUBLIC_API_URL } : {}),
    ...(approvalNotifications ? { approvalNotifications } : {}),
  });
  // Bundling takes seconds and much memory: once per process (or at image build), not once per tier.
  const workflowBundle = await loadWorkflowBundle(config);
  return Promise.all(
    servedTiers(config).map((tier) =>
      Worker.create({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: tierTaskQueue(tier),
        workflowBundle,
        activities,
        dataConverter: dataConverterOf(config),
        maxConcurrentActivityTaskExecutions: config.MAX_CONCURRENT_ACTIVITIES,
        maxConcurrentWorkflowTaskExecutions: config.MAX_CONCURRENT_WORKFLOW_TASKS,
        shutdownGraceTime: `${config.SHUTDOWN_GRACE_SECONDS} seconds`,
      }),
    ),
  );
}
