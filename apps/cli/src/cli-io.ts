/** Where the CLI reads and writes; the real process by default, fakes in tests. */
export interface CliIo {
  stdout: { isTTY?: boolean; write(text: string): unknown };
  stderr: { isTTY?: boolean; write(text: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The running process's streams, environment and working directory. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
