import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { killOnParentExit } from './kill-on-parent-exit.js';
import { stopChildProcess } from './stop-child-process.js';

/** How a server process ended: its exit code, or the signal that ended it. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Options of {@link spawnServerProcess}. */
export interface SpawnServerProcessOptions {
  /** The server's environment; this process's when omitted. */
  env?: NodeJS.ProcessEnv;
  /** Run it in a process group of its own. */
  detached?: boolean;
  /** Receives every line the server prints, stdout and stderr alike. */
  onLine?: (line: string) => void;
}

/** A server started by {@link spawnServerProcess}, not yet known to be ready. */
export interface ServerProcess {
  child: ChildProcess;
  /** Its last 40 lines of output, oldest first, for the error of a server that fails to start. */
  tail: string[];
  /** Settles when the process exits, whether stopped or crashed; also when it could not be started. */
  exited: Promise<ServerExit>;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. Safe to call twice. */
  stop(): Promise<void>;
}

const tailLines = 40;

/**
 * Starts a long-running server the way the devkit's `start...Server` functions share: its output
 * kept (the tail) and passed on line by line, its exit as a promise (a binary that cannot be run
 * settles it too, with a line saying why), and killed with this process should that exit first.
 * Waiting until the server is ready is the caller's: each server says so differently.
 */
export function spawnServerProcess(
  command: string,
  args: string[],
  options: SpawnServerProcessOptions = {},
): ServerProcess {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  const tail: string[] = [];
  const onLine = (line: string): void => {
    tail.push(line);
    if (tail.length > tailLines) tail.shift();
    options.onLine?.(line);
  };
  createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', onLine);
  createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', onLine);
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (err) => {
      onLine(`failed to start ${command}: ${err.message}`);
      resolve({ code: null, signal: null });
    });
  });
  const release = killOnParentExit(child);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    // Released here too: a binary that could not be started never emits 'exit'.
    stopping ??= stopChildProcess(child, { graceMs: 5_000 }).then(release);
    return stopping;
  };
  return { child, tail, exited, stop };
}
