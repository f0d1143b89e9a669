import { spawn } from 'node:child_process';

/** What a finished {@link runCommand} reports. */
export interface CommandResult {
  /** Exit code, or null when the process was killed by a signal or never started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr interleaved, as the process wrote them. */
  output: string;
  /** Set when the process could not be started at all (e.g. ENOENT) or timed out. */
  error?: Error;
}

/** Options for {@link runCommand}. */
export interface RunCommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kills the process (SIGKILL) after this long; a hung probe must not hang its caller. */
  timeoutMs?: number;
  /** Kills the process (SIGKILL) when aborted; the result then carries the abort as `error`. */
  signal?: AbortSignal;
}

/**
 * Runs a short-lived command to completion and collects its output. It never rejects: callers
 * decide what a non-zero exit means, since for probes it simply means "not this one".
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    let output = '';
    let error: Error | undefined;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
      killSignal: 'SIGKILL',
    });
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            error = new Error(`${command} ${args.join(' ')} did not finish within ${options.timeoutMs} ms`);
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.on('error', (err) => {
      // An abort also arrives here, but the process still has to be reaped; 'close' follows it then.
      error ??= err;
      if (child.pid === undefined) {
        clearTimeout(timer);
        resolve({ code: null, signal: null, output, error: err });
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, ...(error ? { error } : {}) });
    });
  });
}
