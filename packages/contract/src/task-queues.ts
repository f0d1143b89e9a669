/**
 * Task queue names. They are code, not configuration: a workflow schedules activities onto these
 * queues by name, so a worker listening elsewhere would leave reviews waiting forever.
 */
export const TaskQueue = {
  /** Workflows plus git, review and publishing activities. */
  cpu: 'reviewflow-cpu',
  /** Embedding activities only, one slot per GPU. */
  gpu: 'reviewflow-gpu',
} as const;
export type TaskQueue = (typeof TaskQueue)[keyof typeof TaskQueue];
