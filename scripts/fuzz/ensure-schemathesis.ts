import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { runCommand } from '@reviewflow/devkit';

/** The schemathesis release `npm run fuzz` installs and runs (PyPI; bump deliberately). */
export const schemathesisVersion = '4.32.5';

// Its dependencies (hypothesis, requests, jsonschema, ...) come from PyPI: a few MB.
const installTimeoutMs = 10 * 60_000;

/**
 * The `schemathesis` executable of a venv at `~/.cache/reviewflow/schemathesis-<version>/venv`,
 * created with `python3 -m venv` and `pip install schemathesis==<version>` on first use and reused
 * after. Outside the checkout, so a fresh clone or `git clean` does not install it again. A
 * missing python3 (with venv and ensurepip) fails at once with a message naming it.
 */
export async function ensureSchemathesis(log: (line: string) => void): Promise<string> {
  const venv = path.join(homedir(), '.cache', 'reviewflow', `schemathesis-${schemathesisVersion}`, 'venv');
  const executable = path.join(venv, 'bin', 'schemathesis');
  // Written after pip finished: a venv without it is an interrupted install, made again.
  const finished = path.join(venv, '.reviewflow-installed');
  if (existsSync(finished)) {
    log(`schemathesis ${schemathesisVersion}: ${venv} (installed earlier)`);
    return executable;
  }
  const probe = await runCommand('python3', ['-c', 'import venv, ensurepip'], { timeoutMs: 60_000 });
  if (probe.code !== 0) {
    throw new Error(
      `npm run fuzz needs python3 with the venv and ensurepip modules to install schemathesis==${schemathesisVersion} into ${venv}; "python3 -c 'import venv, ensurepip'" failed: ${(probe.output || probe.error?.message || '').trim().split('\n').pop()}`,
    );
  }
  rmSync(venv, { recursive: true, force: true });
  mkdirSync(path.dirname(venv), { recursive: true });
  log(`schemathesis ${schemathesisVersion}: installing into ${venv} from PyPI (once; about a minute)`);
  const steps: [string, string[]][] = [
    ['python3', ['-m', 'venv', venv]],
    [
      path.join(venv, 'bin', 'python'),
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `schemathesis==${schemathesisVersion}`],
    ],
  ];
  for (const [command, args] of steps) {
    const result = await runCommand(command, args, { timeoutMs: installTimeoutMs });
    if (result.code !== 0) {
      throw new Error(`schemathesis install failed: ${command} ${args.join(' ')}:\n${result.output.slice(-2000)}`);
    }
  }
  writeFileSync(finished, `${schemathesisVersion}\n`);
  return executable;
}
