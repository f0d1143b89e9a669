import { setTimeout as sleep } from 'node:timers/promises';
import proto from '@temporalio/proto';
import { TaskQueue } from '@reviewflow/contract';
import { Connection, type ConnectionOptions } from '@temporalio/client';

const { TaskQueueType } = proto.temporal.api.enums.v1;

/**
 * Waits until worker-cpu polls its workflow and activity task queue and worker-gpu its activity
 * task queue. The API is ready long before: worker-cpu bundles the workflow code at boot, and a
 * batch started earlier would spend its first seconds queued, where no fault can hit it mid-way.
 */
export async function waitForPollers(
  connectionOptions: ConnectionOptions,
  namespace: string,
  timeoutMs: number,
): Promise<void> {
  const connection = await Connection.connect(connectionOptions);
  try {
    const wanted = [
      { name: TaskQueue.cpu, type: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW },
      { name: TaskQueue.cpu, type: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY },
      { name: TaskQueue.gpu, type: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY },
    ];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const polled = await Promise.all(
        wanted.map(async ({ name, type }) => {
          const answer = await connection.workflowService.describeTaskQueue({
            namespace,
            taskQueue: { name },
            taskQueueType: type,
          });
          return (answer.pollers?.length ?? 0) > 0;
        }),
      );
      if (polled.every(Boolean)) return;
      if (Date.now() > deadline) throw new Error(`the workers did not poll within ${timeoutMs / 1000} s`);
      await sleep(200);
    }
  } finally {
    await connection.close();
  }
}
