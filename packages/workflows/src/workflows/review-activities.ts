import type { CpuActivities, GpuActivities } from '@reviewflow/activities';
import { proxyActivities, type ActivityInterfaceFor } from '@temporalio/workflow';
import { ReviewLimits, TaskQueue } from '@reviewflow/contract';
import { activityRetryPolicy } from './activity-retry-policy.js';

// CPU steps run on the review's own task queue (a tier's queue for organisation runs). They
// heartbeat while running, so a step whose worker was killed is retried within 15 s.
export const cpu: ActivityInterfaceFor<CpuActivities> = proxyActivities<CpuActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '15 seconds',
  retry: activityRetryPolicy,
});

// A lane's batch reviews its chunks one after another: each chunk keeps the 10 minutes it would
// have as an activity of its own.
export const cpuBatch: ActivityInterfaceFor<CpuActivities> = proxyActivities<CpuActivities>({
  startToCloseTimeout: `${10 * ReviewLimits.maxChunksPerActivity} minutes`,
  heartbeatTimeout: '15 seconds',
  retry: activityRetryPolicy,
});

// Embedding may take long on real models: it heartbeats per batch, so a dead GPU worker is noticed
// within the heartbeat timeout and the retry resumes from the last stored batch.
export const gpu: ActivityInterfaceFor<GpuActivities> = proxyActivities<GpuActivities>({
  taskQueue: TaskQueue.gpu,
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '20 seconds',
  retry: activityRetryPolicy,
});
