import type { ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { hasExited, startNpmStartStack } from '@reviewflow/devkit';
import { pidOf, respawn, StackEntry, type Respawned } from './stack-processes.js';

/** A running `npm start` stack of the benchmark, on its own ports and Temporal server. */
export interface BenchStack {
  /** Base URL of the API. */
  api: string;
  apiKey: string;
  /** Process group of the launcher and the apps it started. */
  group: number;
  /** The API process (in a session of its own with `apiOwnSession`). */
  apiPid: number;
  /** Apps started again after a kill or a configuration change; stopped with the stack. */
  respawned: Respawned[];
  stop(): Promise<void>;
}

/**
 * Starts the README's `npm start` through devkit's `startNpmStartStack` (free API port, worker
 * metrics off: the metrics comparison turns them on per worker), with no rate limit, and
 * optionally moves the API into a session of its own.
 */
export async function startBenchStack(options: {
  root: string;
  temporalAddress: string;
  dataDir: string;
  env?: Record<string, string>;
  /** Where the stack's prefixed output goes (appended); nowhere when omitted. */
  logFile?: string;
  /** Restart the API in a session of its own once the stack is ready (see below). */
  apiOwnSession?: boolean;
}): Promise<BenchStack> {
  const apiKey = 'bench-key-0123456789abcdef';
  const stack = await startNpmStartStack({
    root: options.root,
    temporalAddress: options.temporalAddress,
    dataDir: options.dataDir,
    apiKey,
    // The bench is one caller at hundreds of calls a second: a per-caller limit would measure 429s.
    env: { REVIEWFLOW_RATE_LIMIT_PER_MINUTE: '0', ...options.env },
    readyTimeoutMs: 120_000,
    ...(options.logFile === undefined ? {} : { logFile: options.logFile }),
  });
  const { api } = stack;
  const group = stack.child.pid!;
  const respawned: Respawned[] = [];
  const stop = async (): Promise<void> => {
    for (const r of respawned) {
      try {
        process.kill(-r.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    await Promise.all(respawned.map((r) => exitOf(r.child, 20_000)));
    await stack.stop();
  };
  const waitUntilReady = async (): Promise<void> => {
    for (let i = 0; ; i++) {
      const ready = await fetch(`${api}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      if (hasExited(stack.child) || i > 1200) {
        await stop();
        throw new Error('the stack did not become ready');
      }
      await sleep(100);
    }
  };
  if (options.apiOwnSession !== true)
    return { api, apiKey, group, apiPid: pidOf(StackEntry.api, group), respawned, stop };
  // CFS autogroup (on here: /proc/sys/kernel/sched_autogroup_enabled) splits CPU between sessions
  // first. Left in the launcher's session, the API shared one slice with both busy workers while
  // the direct client, in the bench's session, did not; that moved its p50 by several ms between
  // runs. In production each deployable has its own container; here, its own session.
  const apiLogFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  const apiProcess = await respawn(pidOf(StackEntry.api, group), {
    signal: 'SIGTERM',
    cwd: options.root,
    ...(apiLogFd === undefined ? {} : { logFd: apiLogFd }),
  });
  if (apiLogFd !== undefined) closeSync(apiLogFd);
  respawned.push(apiProcess);
  await waitUntilReady();
  return { api, apiKey, group, apiPid: apiProcess.pid, respawned, stop };
}

/** Waits for a child to exit, killing its whole group after `graceMs`. */
async function exitOf(child: ChildProcess, graceMs: number): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}
