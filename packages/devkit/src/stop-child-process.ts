import type { ChildProcess } from 'node:child_process';
import { catchesSignal } from './catches-signal.js';

/** Options for {@link stopChildProcess}. */
export interface StopChildProcessOptions {
  /** The polite signal sent first. */
  signal?: NodeJS.Signals;
  /** How long the process may take to exit before it gets SIGKILL. */
  graceMs?: number;
  /**
   * Skip the polite signal when the process no longer catches it (see `catchesSignal`): it already
   * got one (say, a Ctrl-C sent to the whole process group) and is draining, and a second would kill it.
   */
  unlessDraining?: boolean;
}

/**
 * Stops a child process: `signal` (SIGTERM by default), then SIGKILL once `graceMs` (5 s by default)
 * has passed. Resolves when the process has exited; a process that already exited resolves at once.
 * Returns whether the polite signal was sent (false when `unlessDraining` found it draining).
 */
export async function stopChildProcess(child: ChildProcess, options: StopChildProcessOptions = {}): Promise<boolean> {
  if (hasExited(child) || child.pid === undefined) return false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = options.signal ?? 'SIGTERM';
  const polite = !(options.unlessDraining === true && catchesSignal(child.pid, signal) === false);
  if (polite) child.kill(signal);
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.graceMs ?? 5_000);
  });
  const outcome = await Promise.race([exited, gaveUp]);
  clearTimeout(timer);
  if (outcome === 'timeout' && !hasExited(child)) {
    child.kill('SIGKILL');
    await exited;
  }
  return polite;
}

/** Whether the child is gone (or never started), so no signal can reach it any more. */
export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
}
