import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { findProjectRoot, stopChildProcess } from '@reviewflow/devkit';

/** A deployable running as its own process, as `npm start` runs it. */
export interface AppProcess {
  name: string;
  child: ChildProcess;
  /** Every line it printed on stdout and stderr, in order. */
  lines: string[];
  /** SIGTERM, then SIGKILL after the grace time. */
  stop(): Promise<void>;
}

/**
 * Runs `entry` (a project-relative TypeScript file such as `apps/api/src/server.ts`) with tsx and the
 * source condition, like `npm start`, with `env` on top of this process's environment.
 */
export function startAppProcess(name: string, entry: string, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['--conditions=reviewflow-source', '--import', 'tsx', entry], {
    cwd: findProjectRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => lines.push(line));
  }
  return { name, child, lines, stop: () => stopChildProcess(child, { graceMs: 15_000 }).then(() => undefined) };
}
