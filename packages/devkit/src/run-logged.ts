import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Options of {@link runLogged}. */
export interface RunLoggedOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Receives each output line, stdout and stderr alike, as progress. */
  log: (line: string) => void;
  /** What the command does, for its error message. */
  what: string;
}

const tailLines = 40;

/** Runs a long command, passing each output line to `log` as progress; throws with its tail on failure. */
export function runLogged(command: string, args: string[], options: RunLoggedOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onLine = (line: string): void => {
      tail.push(line);
      if (tail.length > tailLines) tail.shift();
      options.log(`  ${line}`);
    };
    createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', onLine);
    createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', onLine);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${options.what}: could not run ${command}: ${err.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve();
      const why = timedOut
        ? `did not finish within ${Math.round(options.timeoutMs / 60_000)} min`
        : `failed (${signal ?? `exit code ${code}`})`;
      reject(new Error(`${options.what} ${why}. Its last output:\n${tail.join('\n') || '(no output)'}`));
    });
  });
}
