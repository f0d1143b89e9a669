import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { findProjectRoot } from './find-project-root.js';
import { freePort } from './free-port.js';
import { hasExited } from './stop-child-process.js';

/** Options of {@link startNpmStartStack}. */
export interface StartNpmStartStackOptions {
  /** `host:port` of the Temporal server the stack uses (`TEMPORAL_ADDRESS`). */
  temporalAddress: string;
  /** The stack's data folder (`REVIEWFLOW_DATA_DIR`). */
  dataDir: string;
  /** The API key the stack accepts (`REVIEWFLOW_DEV_API_KEY`). */
  apiKey: string;
  /** More environment on top, e.g. a worker setting; `LOG_LEVEL` is `warn` unless given here. */
  env?: NodeJS.ProcessEnv;
  /** Appends the stack's output to this file, and puts its end into the error of a stack that never gets ready. */
  logFile?: string;
  /** How long `/readyz` may take to answer 200. Default 60 s. */
  readyTimeoutMs?: number;
  /** The checkout whose `scripts/start.ts` runs; default this one. */
  root?: string;
}

/** A running stack started by {@link startNpmStartStack}. */
export interface NpmStartStack {
  /** Base URL of the API, `http://127.0.0.1:<port>`. */
  api: string;
  /** The launcher; its pid is the process group of the launcher and every app it started. */
  child: ChildProcess;
  /** SIGTERM to the whole group, as a terminal's Ctrl-C; resolves once the launcher has exited. */
  stop(): Promise<void>;
}

/**
 * Starts `scripts/start.ts` (the README's `npm start`) against an existing Temporal server, on a free
 * API port, with worker metrics off (both workers read METRICS_PORT, so one value cannot serve both)
 * and in a process group of its own, and resolves once `/readyz` answers. A stack that exits or
 * does not get ready in time is stopped, and the error says why.
 */
export async function startNpmStartStack(options: StartNpmStartStackOptions): Promise<NpmStartStack> {
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const logFd = options.logFile === undefined ? undefined : openSync(options.logFile, 'a');
  const child = spawn(process.execPath, ['--conditions=reviewflow-source', '--import', 'tsx', 'scripts/start.ts'], {
    cwd: options.root ?? findProjectRoot(),
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: options.temporalAddress,
      PORT: String(port),
      METRICS_PORT: '0',
      REVIEWFLOW_DATA_DIR: options.dataDir,
      REVIEWFLOW_DEV_API_KEY: options.apiKey,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: logFd === undefined ? 'ignore' : ['ignore', logFd, logFd],
    detached: true,
  });
  if (logFd !== undefined) closeSync(logFd);
  const stop = async (): Promise<void> => {
    if (child.pid === undefined) return;
    const exited = hasExited(child) ? undefined : new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // The whole group is gone already.
    }
    await exited;
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    const ready = await fetch(`${api}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { api, child, stop };
    if (hasExited(child) || Date.now() > deadline) {
      await stop();
      // The stack's own output says why it never got ready.
      const output = options.logFile === undefined ? '' : `:\n${readFileSync(options.logFile, 'utf8').slice(-3000)}`;
      throw new Error(`the stack did not become ready${output}`);
    }
    await sleep(100);
  }
}
