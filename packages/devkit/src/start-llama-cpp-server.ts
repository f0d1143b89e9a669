import { statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureLlamaCppPython, type LlamaCppPythonOptions } from './ensure-llama-cpp-python.js';
import { freePort } from './free-port.js';
import { spawnServerProcess, type ServerExit } from './spawn-server-process.js';

/** Options for {@link startLlamaCppServer}: the model and how to run it, and where to install it. */
export interface StartLlamaCppServerOptions extends LlamaCppPythonOptions {
  /** The GGUF model file the server loads. */
  model: string;
  /** Context window (`--n_ctx`). Default 4096. */
  contextTokens?: number;
  /** CPU threads for inference (`--n_threads`). Default 2, what the project's machines have. */
  threads?: number;
  /** How long loading the model may take until `GET /v1/models` answers. Default 120 s. */
  readyTimeoutMs?: number;
  /** Receives every line the server prints, stdout and stderr alike (model loading is chatty). */
  onLog?: (line: string) => void;
  /** The environment pip and the server run with; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** A running llama-cpp-python server started by {@link startLlamaCppServer}. */
export interface LlamaCppServer {
  /** OpenAI-compatible base URL, ending in `/v1`. */
  baseUrl: string;
  /** The model id the server lists under `/v1/models`, for the request's `model` field. */
  model: string;
  port: number;
  pid: number;
  /** Settles when the server process exits, whether stopped or crashed. */
  exited: Promise<ServerExit>;
  /** SIGTERM, then SIGKILL after a few seconds; resolves once the process is gone. Safe to call twice. */
  stop(): Promise<void>;
}

const portAttempts = 3;

/**
 * Starts llama-cpp-python's OpenAI-compatible server (`python -m llama_cpp.server`) on a free port
 * of 127.0.0.1 with `model`, and resolves once `GET /v1/models` answers. The server comes from a venv
 * at `<cacheDir>/llama-cpp-python-<version>/venv`, created on first use from the wheel in
 * `<cacheDir>/wheelhouse` (built there first when missing, unless `buildWheel` is false), with the
 * `[server]` extra's dependencies from PyPI. Missing prerequisites (the model file, Python with
 * pip and venv, the wheel) fail at once with a message naming what is missing; a server that dies
 * while loading fails with its last output.
 */
export async function startLlamaCppServer(options: StartLlamaCppServerOptions): Promise<LlamaCppServer> {
  const model = path.resolve(options.model);
  if (!isFile(model)) throw new Error(`GGUF model file ${model} does not exist`);
  const python = await ensureLlamaCppPython(options);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options, python, model, await freePort());
    } catch (err) {
      // freePort's answer can be taken before uvicorn binds it (tests start servers side by side).
      if (!(err instanceof PortTakenError) || attempt >= portAttempts) throw err;
      options.log?.(`llama-cpp-python server: port taken while starting (attempt ${attempt}); retrying on another`);
    }
  }
}

/** The server exited because its port was taken by someone else in the meantime. */
class PortTakenError extends Error {}

async function startOnce(
  options: StartLlamaCppServerOptions,
  python: string,
  model: string,
  port: number,
): Promise<LlamaCppServer> {
  const args = [
    '-m',
    'llama_cpp.server',
    '--model',
    model,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--n_ctx',
    String(options.contextTokens ?? 4096),
    '--n_threads',
    String(options.threads ?? 2),
  ];
  const { child, tail, exited, stop } = spawnServerProcess(python, args, { env: options.env, onLine: options.onLog });

  const baseUrl = `http://127.0.0.1:${port}/v1`;
  const ready = await waitUntilListed(baseUrl, exited, options.readyTimeoutMs ?? 120_000);
  if (typeof ready !== 'object') {
    await stop();
    const message = `llama-cpp-python server on ${baseUrl} ${ready}. Its last output:\n${tail.join('\n') || '(no output)'}`;
    throw /address already in use|Errno 98/i.test(tail.join('\n')) ? new PortTakenError(message) : new Error(message);
  }
  if (child.pid === undefined) throw new Error('llama-cpp-python server has no pid');
  return { baseUrl, model: ready.model, port, pid: child.pid, exited, stop };
}

/** Polls `GET /v1/models` until it lists a model; returns why it gave up otherwise. */
async function waitUntilListed(
  baseUrl: string,
  exited: Promise<ServerExit>,
  timeoutMs: number,
): Promise<{ model: string } | string> {
  let exit: ServerExit | undefined;
  void exited.then((e) => (exit = e));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exit !== undefined) return `exited (${exit.signal ?? `code ${exit.code}`}) before it was ready`;
    try {
      const response = await fetch(`${baseUrl}/models`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) {
        const listed = (await response.json()) as { data?: { id?: unknown }[] };
        const id = listed.data?.[0]?.id;
        if (typeof id === 'string') return { model: id };
      }
    } catch {
      // Not listening yet: uvicorn binds only after the model has loaded.
    }
    await sleep(250);
  }
  return `did not list a model under /v1/models within ${Math.round(timeoutMs / 1000)} s`;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
