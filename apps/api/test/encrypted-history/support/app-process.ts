import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChildProcess } from '@reviewflow/devkit';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

/** A deployable running as its own process, as `npm start` runs it, with every line it printed. */
export interface AppProcess {
  child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `entry` (e.g. apps/api/src/server.ts) from source with `env` on top of this process's. */
export function startAppProcess(entry: string, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['--conditions=reviewflow-source', '--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => chunks.push(c));
  child.stderr?.on('data', (c: Buffer) => chunks.push(c));
  return {
    child,
    output: () => Buffer.concat(chunks).toString(),
    stop: async () => {
      await stopChildProcess(child, { graceMs: 15_000 });
    },
  };
}
