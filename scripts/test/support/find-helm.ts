import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** The helm release CI installs (`go install helm.sh/helm/v3/cmd/helm@<version>`, see .ci/run). */
export const helmModule = 'helm.sh/helm/v3/cmd/helm@v3.22.0';

/**
 * The helm binary: `HELM_PATH`, else `helm` on PATH, else `$(go env GOPATH)/bin/helm` where
 * `go install` puts it. Throws a message that says how to install it: the chart checks must fail
 * loudly on a machine without helm, never pass by skipping.
 */
export function findHelm(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.HELM_PATH;
  if (override) {
    if (!isExecutable(override)) throw new Error(`HELM_PATH is set to "${override}", which is not an executable file`);
    return override;
  }
  const candidates = (env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'helm'));
  const gopath = goPath(env);
  if (gopath !== undefined) candidates.push(path.join(gopath, 'bin', 'helm'));
  const found = candidates.find(isExecutable);
  if (found !== undefined) return found;
  throw new Error(
    `helm not found on PATH${gopath === undefined ? '' : ` or in ${path.join(gopath, 'bin')}`}. ` +
      `Install it with \`go install ${helmModule}\` (what .ci/run does), or set HELM_PATH.`,
  );
}

function goPath(env: NodeJS.ProcessEnv): string | undefined {
  try {
    const out = execFileSync('go', ['env', 'GOPATH'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    // GOPATH may list several folders; `go install` writes to the first.
    return out.trim().split(path.delimiter)[0] || undefined;
  } catch {
    return undefined;
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
