import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The app entry points `npm start` runs, as they appear on their command lines. */
export const StackEntry = {
  api: 'apps/api/src/server.ts',
  workerCpu: 'apps/worker-cpu/src/main.ts',
  workerGpu: 'apps/worker-gpu/src/main.ts',
} as const;

/** The node processes in process group `group` whose command line names `entry`. */
export function pidsOf(entry: string, group: number): number[] {
  return execFileSync('ps', ['-eo', 'pid=,pgid=,args='])
    .toString()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => Number(cols[1]) === group && cols[2]?.endsWith('node') && cols.slice(2).join(' ').includes(entry))
    .map((cols) => Number(cols[0]));
}

/** The one node process of `group` running `entry`; throws when there is none or several. */
export function pidOf(entry: string, group: number): number {
  const pids = pidsOf(entry, group);
  if (pids.length !== 1)
    throw new Error(`expected one process running ${entry} in group ${group}, found ${pids.length}`);
  return pids[0]!;
}

/** Resident set size of a process in bytes (VmRSS), or undefined once it is gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A process started again by {@link respawn}, in its own process group. */
export interface Respawned {
  child: ChildProcess;
  pid: number;
}

/**
 * Stops a process (SIGKILL, or a polite signal and waiting until it is gone) and starts the same
 * command line again in the same folder and environment, with `env` changes on top. The new
 * process gets its own process group (kill it with `process.kill(-pid)`). Its output goes to
 * `logFd` when given, else nowhere.
 */
export async function respawn(
  pid: number,
  options: { signal?: NodeJS.Signals; env?: Record<string, string>; cwd: string; logFd?: number },
): Promise<Respawned> {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const env = Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  process.kill(pid, options.signal ?? 'SIGKILL');
  await waitUntilGone(pid, 30_000);
  const child = spawn(args[0]!, args.slice(1), {
    cwd: options.cwd,
    env: { ...env, ...options.env },
    stdio: options.logFd === undefined ? 'ignore' : ['ignore', options.logFd, options.logFd],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${args.join(' ')} again`);
  return { child, pid: child.pid };
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
