import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';
import { searchAttributeArgs } from './review-search-attributes.js';
import { runCommand } from './run-command.js';
import { spawnServerProcess, type ServerExit } from './spawn-server-process.js';
import { hasExited } from './stop-child-process.js';

/** Options for {@link startDevServer}. */
export interface StartDevServerOptions {
  /** Path of the Temporal CLI binary (see `findTemporalCli`). */
  cli: string;
  /** Frontend gRPC port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /** Web UI port; implies the UI is on. */
  uiPort?: number;
  /** Port of the frontend's HTTP API (`--http-port`, `/api/v1/...`); none when omitted. */
  httpPort?: number;
  /** SQLite file that keeps state across restarts; in-memory when omitted. */
  dbFile?: string;
  /** No Web UI. Defaults to true unless `uiPort` is given, so tests never fight over port+1000. */
  headless?: boolean;
  /** Server log level; `warn` keeps a healthy server quiet. */
  logLevel?: string;
  /** The remote codec endpoint the Web UI decodes payloads through (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
  /** Receives every line the server prints, stdout and stderr alike. */
  onLog?: (line: string) => void;
  /**
   * Run the server in its own process group, so a terminal's Ctrl-C (sent to the whole foreground
   * group) does not reach it and the caller can stop it after the workers have drained.
   */
  detached?: boolean;
  /** How long the frontend may take to answer a health check. */
  readyTimeoutMs?: number;
  /** Aborting it while the server is still starting stops the server and rejects. */
  signal?: AbortSignal;
}

/** A running dev server started by {@link startDevServer}. */
export interface DevServer {
  /** `host:port` of the frontend, for `TEMPORAL_ADDRESS` and `--address`. */
  address: string;
  port: number;
  /** Web UI port, or undefined when headless. */
  uiPort: number | undefined;
  pid: number;
  /** Settles when the server process exits, whether stopped or crashed. */
  exited: Promise<ServerExit>;
  /** SIGTERM, then SIGKILL after a few seconds; resolves once the process is gone. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` on 127.0.0.1 with reviewflow's search attributes registered and
 * resolves once its frontend answers `temporal operator cluster health`. On failure or timeout the
 * server is stopped and the error carries its last output.
 */
export async function startDevServer(options: StartDevServerOptions): Promise<DevServer> {
  if (options.port !== undefined) return startOnce(options, options.port);
  // A port the kernel called free a moment ago can be taken before the server binds it (tests
  // start servers side by side, and the CLI picks its internal ports the same way), so a server
  // that dies while starting on a port we chose is tried again on fresh ports.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options, await freePort());
    } catch (err) {
      if (!(err instanceof DevServerExitedError) || attempt >= portAttempts || options.signal?.aborted === true) {
        throw err;
      }
      options.onLog?.(`Temporal dev server exited while starting (attempt ${attempt}); retrying on fresh ports`);
    }
  }
}

const portAttempts = 3;

/** The server process ended before its frontend was healthy (a taken port, most often). */
class DevServerExitedError extends Error {}

async function startOnce(options: StartDevServerOptions, port: number): Promise<DevServer> {
  const headless = options.headless ?? options.uiPort === undefined;
  const uiPort = headless ? undefined : (options.uiPort ?? port + 1000);
  const address = `127.0.0.1:${port}`;

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port)];
  if (options.dbFile !== undefined) {
    mkdirSync(path.dirname(path.resolve(options.dbFile)), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  if (options.httpPort !== undefined) args.push('--http-port', String(options.httpPort));
  if (uiPort === undefined) args.push('--headless');
  else args.push('--ui-port', String(uiPort));
  if (uiPort !== undefined && options.uiCodecEndpoint !== undefined) {
    args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  }
  args.push('--log-level', options.logLevel ?? 'warn', ...searchAttributeArgs());

  let firstPanic: string | undefined;
  const { child, tail, exited, stop } = spawnServerProcess(options.cli, args, {
    detached: options.detached,
    onLine: (line) => {
      if (firstPanic === undefined && /^(panic|fatal error):|Unable to start server/.test(line)) firstPanic = line;
      options.onLog?.(line);
    },
  });

  const failure = await waitUntilHealthy(
    options.cli,
    address,
    exited,
    options.readyTimeoutMs ?? 60_000,
    options.signal,
  );
  if (failure !== undefined) {
    await stop();
    // A Go panic prints its cause first and a long stack after it; keep the cause.
    const output = [...(firstPanic !== undefined && !tail.includes(firstPanic) ? [firstPanic, '...'] : []), ...tail];
    const message = `Temporal dev server on ${address} ${failure}. Its last output:\n${output.length > 0 ? output.join('\n') : '(no output)'}`;
    throw hasExited(child) && failure.startsWith('exited') ? new DevServerExitedError(message) : new Error(message);
  }
  if (child.pid === undefined) throw new Error('Temporal dev server has no pid');
  return { address, port, uiPort, pid: child.pid, exited, stop };
}

/** Polls the frontend until it is SERVING; returns why it gave up, or undefined when healthy. */
async function waitUntilHealthy(
  cli: string,
  address: string,
  exited: Promise<ServerExit>,
  timeoutMs: number,
  cancel: AbortSignal | undefined,
): Promise<string | undefined> {
  const gaveUp = new AbortController();
  const timer = setTimeout(() => gaveUp.abort(), timeoutMs);
  const onCancel = (): void => gaveUp.abort();
  cancel?.addEventListener('abort', onCancel, { once: true });
  if (cancel?.aborted === true) gaveUp.abort();
  // A server that dies (say, on a taken port) must fail the wait at once, not after a health probe
  // that hangs on whatever else holds the port.
  const died = exited.then((exit) => {
    gaveUp.abort();
    return `exited (${exit.signal ?? `code ${exit.code}`}) before it was ready`;
  });
  try {
    while (!gaveUp.signal.aborted) {
      const health = await runCommand(cli, ['operator', 'cluster', 'health', '--address', address], {
        timeoutMs: 10_000,
        signal: gaveUp.signal,
      });
      if (health.code === 0 && health.output.includes('SERVING')) return undefined;
      await sleep(250, undefined, { signal: gaveUp.signal }).catch(() => {});
    }
    const exit = await Promise.race([died, sleep(0, undefined)]);
    if (exit !== undefined) return exit;
    return cancel?.aborted === true
      ? 'was stopped while starting'
      : `was not healthy within ${Math.round(timeoutMs / 1000)} s`;
  } finally {
    clearTimeout(timer);
    cancel?.removeEventListener('abort', onCancel);
  }
}
