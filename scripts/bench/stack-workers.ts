import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchStack } from './start-bench-stack.js';
import { pidOf, respawn, StackEntry } from './stack-processes.js';

/** The current worker processes of a bench stack, which may be restarted (killed or reconfigured). */
export class StackWorkers {
  cpu: number;
  gpu: number;

  constructor(
    private readonly stack: BenchStack,
    private readonly root: string,
  ) {
    this.cpu = pidOf(StackEntry.workerCpu, stack.group);
    this.gpu = pidOf(StackEntry.workerGpu, stack.group);
  }

  /**
   * Restarts one worker: SIGKILL (a crash) or SIGTERM (a graceful stop, waited for), then the same
   * command line with `env` changes; resolves once the new process is running, not yet polling.
   */
  async restart(which: 'cpu' | 'gpu', options: { signal?: NodeJS.Signals; env?: Record<string, string> } = {}) {
    const next = await respawn(this[which], { ...options, cwd: this.root });
    this.stack.respawned.push(next);
    this[which] = next.pid;
    // Let it load its code before the caller sends work its way.
    await sleep(200);
  }
}
