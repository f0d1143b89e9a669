import { setTimeout as sleep } from 'node:timers/promises';
import { pidOf, respawn, StackEntry } from '../bench/stack-processes.js';
import type { BenchStack } from '../bench/start-bench-stack.js';
import { waitUntilReady } from './wait-until-ready.js';

/** An app of the stack the chaos run restarts. */
export type StackApp = 'api' | 'workerCpu' | 'workerGpu';

/**
 * The current API, worker-cpu and worker-gpu processes of a bench stack, each restartable on its
 * own, as a supervisor (or a rolling deploy) would: the new process has the same command line and
 * environment, and its output goes to `logFd` like the rest of the stack's.
 */
export class StackApps {
  private readonly pids: Record<StackApp, number>;

  constructor(
    private readonly stack: BenchStack,
    private readonly root: string,
    private readonly logFd: number | undefined,
  ) {
    this.pids = {
      api: pidOf(StackEntry.api, stack.group),
      workerCpu: pidOf(StackEntry.workerCpu, stack.group),
      workerGpu: pidOf(StackEntry.workerGpu, stack.group),
    };
  }

  /** Whether the app's current process is still alive (a worker may die on its own). */
  alive(app: StackApp): boolean {
    try {
      process.kill(this.pids[app], 0);
      return true;
    } catch {
      return false;
    }
  }

  /** SIGKILLs a worker (a crash) and starts it again at once; resolves once the new process runs. */
  async killWorker(app: 'workerCpu' | 'workerGpu'): Promise<void> {
    await this.restart(app, 'SIGKILL');
    // Let it load its code before the caller looks at it again.
    await sleep(200);
  }

  /**
   * SIGTERM to the API (it drains and closes), then the same command line on the same port; resolves
   * once `/readyz` answers 2xx, with when it stopped answering and when it was back (epoch ms).
   */
  async restartApi(): Promise<{ stoppedAt: number; readyAt: number }> {
    const stoppedAt = Date.now();
    await this.restart('api', 'SIGTERM');
    return { stoppedAt, readyAt: await waitUntilReady(this.stack.api, 120_000) };
  }

  private async restart(app: StackApp, signal: NodeJS.Signals): Promise<void> {
    const next = await respawn(this.pids[app], {
      signal,
      cwd: this.root,
      ...(this.logFd === undefined ? {} : { logFd: this.logFd }),
    });
    this.stack.respawned.push(next);
    this.pids[app] = next.pid;
  }
}
