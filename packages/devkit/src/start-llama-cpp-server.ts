import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';
import { runCommand } from './run-command.js';
import { spawnServerProcess, type ServerExit } from './spawn-server-process.js';

/** The llama-cpp-python release {@link startLlamaCppServer} installs and runs. */
export const llamaCppPythonVersion = '0.3.36';

/** Options for {@link startLlamaCppServer}. */
export interface StartLlamaCppServerOptions {
  /** The GGUF model file the server loads. */
  model: string;
  /**
   * Holds `wheelhouse/` (the built llama-cpp-python wheel) and `llama-cpp-python-<version>/venv`.
   * Default `~/.cache/reviewflow`: outside the checkout, so a fresh clone or `git clean` does not
   * cost another 20-minute native build.
   */
  cacheDir?: string;
  /** Interpreter that creates the venv (and builds the wheel). Default `python3`. */
  python?: string;
  /**
   * Build the wheel from source when the wheelhouse has none (about 20 minutes on 2 cores). When
   * false, a missing wheel fails at once with the command that builds it. Default true.
   */
  buildWheel?: boolean;
  /** Context window (`--n_ctx`). Default 4096. */
  contextTokens?: number;
  /** CPU threads for inference (`--n_threads`). Default 2, what the project's machines have. */
  threads?: number;
  /** How long loading the model may take until `GET /v1/models` answers. Default 120 s. */
  readyTimeoutMs?: number;
  /** Receives install and build progress, one line each. */
  log?: (line: string) => void;
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

// A native build of llama.cpp on 2 cores takes about 20 minutes; three times that means it is stuck.
const wheelBuildTimeoutMs = 60 * 60_000;
// The server's dependencies (fastapi, uvicorn, numpy, ...) come from PyPI: tens of MB.
const pipInstallTimeoutMs = 10 * 60_000;
const probeTimeoutMs = 60_000;
const tailLines = 40;
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

/** The venv's interpreter, after creating the venv (and the wheel) when they are missing. */
async function ensureLlamaCppPython(options: StartLlamaCppServerOptions): Promise<string> {
  const log = options.log ?? (() => {});
  const env = options.env ?? process.env;
  const cacheDir = options.cacheDir ?? path.join(homedir(), '.cache', 'reviewflow');
  const venv = path.join(cacheDir, `llama-cpp-python-${llamaCppPythonVersion}`, 'venv');
  const wheelhouse = path.join(cacheDir, 'wheelhouse');
  const requirement = `llama-cpp-python==${llamaCppPythonVersion}`;

  const installed = venvPython(venv);
  if (await importsServer(installed, env)) {
    log(`llama-cpp-python: ${venv} (installed earlier)`);
    return installed;
  }

  const basePython = options.python ?? 'python3';
  const probe = await runCommand(basePython, ['-c', 'import venv, ensurepip'], { env, timeoutMs: probeTimeoutMs });
  if (probe.code !== 0) {
    throw new Error(
      `llama-cpp-python: ${basePython} with the venv and ensurepip modules is needed to install ${requirement} into ${venv}, but "${basePython} -c 'import venv, ensurepip'" failed: ${lastLine(probe.output || probe.error?.message)}`,
    );
  }

  if (findWheel(wheelhouse) === undefined) {
    const buildCommand = `CMAKE_ARGS=-DGGML_NATIVE=OFF ${basePython} -m pip wheel --no-deps ${requirement} -w ${wheelhouse}`;
    if (options.buildWheel === false) {
      throw new Error(
        `llama-cpp-python: no ${requirement} wheel in ${wheelhouse}; build it (about 20 min) with: ${buildCommand}`,
      );
    }
    log(`llama-cpp-python: no wheel in ${wheelhouse}; building one (about 20 minutes on 2 cores): ${buildCommand}`);
    await buildWheel(basePython, requirement, wheelhouse, env, log);
  }
  const wheel = findWheel(wheelhouse);
  if (wheel === undefined) throw new Error(`llama-cpp-python: pip built no ${requirement} wheel in ${wheelhouse}`);

  // A private folder renamed into place: a second test process installing at the same time never
  // sees a half-made venv, and the loser of the rename drops its copy. A renamed venv still works
  // through `bin/python -m ...`; only its entry-point scripts' shebangs point at the old name.
  mkdirSync(path.dirname(venv), { recursive: true });
  const staging = `${venv}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    log(`llama-cpp-python: creating ${venv} from ${path.basename(wheel)}, dependencies from PyPI`);
    await runLogged(basePython, ['-m', 'venv', staging], {
      env,
      timeoutMs: probeTimeoutMs,
      log,
      what: 'python -m venv',
    });
    await runLogged(
      venvPython(staging),
      [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--no-warn-script-location',
        '--progress-bar',
        'off',
        '--find-links',
        wheelhouse,
        `llama-cpp-python[server]==${llamaCppPythonVersion}`,
      ],
      { env, timeoutMs: pipInstallTimeoutMs, log, what: 'pip install llama-cpp-python[server]' },
    );
    try {
      renameSync(staging, venv);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  if (!(await importsServer(installed, env))) {
    throw new Error(`llama-cpp-python: installed into ${venv}, but "import llama_cpp.server" still fails there`);
  }
  return installed;
}

/** Builds the wheel in a private folder and moves it into the wheelhouse once complete. */
async function buildWheel(
  python: string,
  requirement: string,
  wheelhouse: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<void> {
  const staging = path.join(wheelhouse, `.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging, { recursive: true });
  try {
    await runLogged(
      python,
      [
        '-m',
        'pip',
        'wheel',
        '--disable-pip-version-check',
        '--no-deps',
        '--progress-bar',
        'off',
        requirement,
        '-w',
        staging,
      ],
      {
        // Portable code, not tuned to this CPU: the wheel is cached and may be used on another machine.
        env: { ...env, CMAKE_ARGS: '-DGGML_NATIVE=OFF' },
        timeoutMs: wheelBuildTimeoutMs,
        log,
        what: `pip wheel ${requirement}`,
      },
    );
    for (const name of readdirSync(staging)) {
      if (name.endsWith('.whl')) renameSync(path.join(staging, name), path.join(wheelhouse, name));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Runs a long command, passing each output line to `log` as progress; throws with its tail on failure. */
function runLogged(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; timeoutMs: number; log: (line: string) => void; what: string },
): Promise<void> {
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

/** Whether `python` exists and can import the server at the pinned version. */
async function importsServer(python: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  if (!existsSync(python)) return false;
  const check = await runCommand(
    python,
    [
      '-c',
      `import llama_cpp, llama_cpp.server; assert llama_cpp.__version__ == ${JSON.stringify(llamaCppPythonVersion)}`,
    ],
    { env, timeoutMs: probeTimeoutMs },
  );
  return check.code === 0;
}

function findWheel(wheelhouse: string): string | undefined {
  if (!existsSync(wheelhouse)) return undefined;
  const name = readdirSync(wheelhouse).find(
    (file) => file.startsWith(`llama_cpp_python-${llamaCppPythonVersion}-`) && file.endsWith('.whl'),
  );
  return name === undefined ? undefined : path.join(wheelhouse, name);
}

function venvPython(venv: string): string {
  return process.platform === 'win32' ? path.join(venv, 'Scripts', 'python.exe') : path.join(venv, 'bin', 'python');
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function lastLine(text: string | undefined): string {
  const lines = (text ?? '').trim().split('\n');
  return lines[lines.length - 1] || '(no output)';
}
