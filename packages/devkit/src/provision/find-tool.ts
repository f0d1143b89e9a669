import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { findProjectRoot } from '../find-project-root.js';
import { executablesOnPath, isExecutableFile } from './find-on-path.js';
import { provisionedTools, provisionFlag, type ToolName, type ToolRecipe } from './provisioned-tools.js';

/** Where {@link lookupTool} looks. */
export interface FindToolOptions {
  /** The environment to read the override variable, PATH and Go's settings from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Where `.tools/python` lives; defaults to the reviewflow checkout. */
  projectRoot?: string;
}

/**
 * What {@link lookupTool} found: the tool, or why not in one line that says how to get it.
 * `bad-override` means the override variable names no executable, which installing cannot fix.
 */
export type ToolLookup =
  | { kind: 'found'; path: string; source: 'env' | 'path' | 'installed' }
  | { kind: 'missing' | 'bad-override'; message: string };

/**
 * Looks for a tool without installing anything: its override variable (e.g. `CHROMIUM_PATH`, which
 * must then name an executable), else `command` on PATH, else where its recipe installs it
 * (`go install`'s bin folder, the pinned wheel under `.tools/python`).
 */
export function lookupTool(name: ToolName, options: FindToolOptions = {}): ToolLookup {
  const env = options.env ?? process.env;
  const { envVar, command, recipe, dirs } = provisionedTools[name];
  const override = env[envVar];
  if (override !== undefined && override !== '') {
    const resolved = path.resolve(override);
    if (isExecutableFile(resolved)) return { kind: 'found', path: resolved, source: 'env' };
    return {
      kind: 'bad-override',
      message: `${envVar} is set to "${override}", which is not an executable file: fix or unset it (unset, npm test finds ${command} or installs it).`,
    };
  }
  const onPath = executablesOnPath(command, env)[0];
  if (onPath !== undefined) return { kind: 'found', path: onPath, source: 'path' };
  const places = [...installPlaces(command, recipe, env, options.projectRoot), ...(dirs ?? [])];
  const installed = places.map((dir) => path.join(dir, command)).find(isExecutableFile);
  if (installed !== undefined) return { kind: 'found', path: installed, source: 'installed' };
  const looked = [`${envVar} unset`, `no ${command} on PATH`, ...places.map((dir) => `not in ${dir}`)].join(', ');
  return { kind: 'missing', message: `${name} not found (${looked}): ${howToInstall(name, recipe)}` };
}

/** The tool's path, or an error whose message says how to install it: for tests, which must never skip. */
export function findTool(name: ToolName, options: FindToolOptions = {}): string {
  const found = lookupTool(name, options);
  if (found.kind !== 'found') throw new Error(found.message);
  return found.path;
}

/** The folders a recipe installs into, other than PATH: where a lookup must look after an install. */
export function installPlaces(
  command: string,
  recipe: ToolRecipe,
  env: NodeJS.ProcessEnv,
  projectRoot: string | undefined,
): string[] {
  if (recipe.kind === 'go') return goBinDirs(env);
  if (recipe.kind === 'pip') {
    const root = projectRoot ?? findProjectRoot();
    return [path.join(root, '.tools', 'python', `${recipe.package}-${recipe.version}`, 'bin')];
  }
  // A Debian package puts its commands in /usr/bin, on every PATH but a deliberately narrowed one.
  return [];
}

function howToInstall(name: ToolName, recipe: ToolRecipe): string {
  const { envVar } = provisionedTools[name];
  const noInstall = `${provisionFlag}=0 stops npm test from installing anything`;
  switch (recipe.kind) {
    case 'apt':
      return `install the Debian package ${recipe.package} (apt-get install -y ${recipe.package}; npm test does it when run as root), or set ${envVar}; ${noInstall}.`;
    case 'go':
      return `install it with go install ${recipe.module} (npm test does it when go is on PATH), or set ${envVar}; ${noInstall}.`;
    case 'pip':
      return `install the wheel with python3 -m pip install --target .tools/python/${recipe.package}-${recipe.version} ${recipe.package}==${recipe.version} (npm test does it when python3 has pip), or set ${envVar}; ${noInstall}.`;
  }
}

/** Where `go install` writes: `$GOBIN`, else the first folder of `$GOPATH` plus `bin`; none without Go. */
function goBinDirs(env: NodeJS.ProcessEnv): string[] {
  let out: string;
  try {
    out = execFileSync('go', ['env', 'GOBIN', 'GOPATH'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      // A Go that hangs (a broken toolchain download) must not hang the test that asked.
      timeout: 15_000,
    });
  } catch {
    return [];
  }
  const [gobin = '', gopath = ''] = out.split('\n').map((line) => line.trim());
  if (gobin !== '') return [gobin];
  const firstGopath = gopath.split(path.delimiter)[0] ?? '';
  return firstGopath === '' ? [] : [path.join(firstGopath, 'bin')];
}
