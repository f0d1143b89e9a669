import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { buildLlamaCppWheel } from './build-llama-cpp-wheel.js';
import { runCommand } from './run-command.js';
import { runLogged } from './run-logged.js';

/** The llama-cpp-python release {@link ensureLlamaCppPython} installs (and `startLlamaCppServer` runs). */
export const llamaCppPythonVersion = '0.3.36';

/** Where and how {@link ensureLlamaCppPython} installs llama-cpp-python. */
export interface LlamaCppPythonOptions {
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
  /** Receives install and build progress, one line each. */
  log?: (line: string) => void;
  /** The environment pip runs with; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}

// The server's dependencies (fastapi, uvicorn, numpy, ...) come from PyPI: tens of MB.
const pipInstallTimeoutMs = 10 * 60_000;
const probeTimeoutMs = 60_000;

/**
 * The interpreter of a venv at `<cacheDir>/llama-cpp-python-<version>/venv` that imports
 * `llama_cpp.server` at {@link llamaCppPythonVersion}, after creating the venv when it is missing:
 * from the wheel in `<cacheDir>/wheelhouse` (built there first when missing, unless `buildWheel` is
 * false), with the `[server]` extra's dependencies from PyPI. Missing prerequisites (Python with pip
 * and venv, the wheel) fail at once with a message naming what is missing.
 */
export async function ensureLlamaCppPython(options: LlamaCppPythonOptions): Promise<string> {
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
    await buildLlamaCppWheel(basePython, requirement, wheelhouse, env, log);
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

function lastLine(text: string | undefined): string {
  const lines = (text ?? '').trim().split('\n');
  return lines[lines.length - 1] || '(no output)';
}
