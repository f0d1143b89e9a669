import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runLogged } from './run-logged.js';

// A native build of llama.cpp on 2 cores takes about 20 minutes; three times that means it is stuck.
const wheelBuildTimeoutMs = 60 * 60_000;

/**
 * Builds the wheel of `requirement` (a pinned llama-cpp-python) with `python -m pip wheel` in a
 * private folder and moves it into the wheelhouse once complete, so a build that fails or is killed
 * leaves no half-written wheel behind for the next run to pick up.
 */
export async function buildLlamaCppWheel(
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
