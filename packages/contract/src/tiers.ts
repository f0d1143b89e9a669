import { TaskQueue } from './task-queues.js';

/** Service tiers of organisation runs; each has its own CPU task queue so tiers never starve each other. */
export const tiers = ['starter', 'pro', 'enterprise'] as const;
export type Tier = (typeof tiers)[number];

/**
 * The CPU task queue of a tier: `starter` shares the default queue, higher tiers get their own
 * (`reviewflow-cpu-pro`, ...), served by workers configured for them. Reviews started on a tier
 * queue run their CPU activities there too; embedding stays on the shared GPU queue.
 */
export function tierTaskQueue(tier: Tier): string {
  return tier === 'starter' ? TaskQueue.cpu : `${TaskQueue.cpu}-${tier}`;
}
