/**
 * `npm run test:cluster`: the short cluster check (scripts/test/cluster/*.cluster-test.ts): `npm run
 * cluster` itself, and `npm run chaos -- --cluster --short` (two replicas of every deployable over
 * mTLS, a few reviews through a history kill). Outside `npm test` because its first run on a machine
 * builds the Temporal server from the Go module proxy (a few minutes; cached in ~/.cache/reviewflow),
 * which happens here, with progress, before any test's timeout starts.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTemporalServer, findTemporalCli, provisionTools } from '@reviewflow/devkit';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (message: string): void => console.error(`[test:cluster] ${message}`);
// PostgreSQL and openssl from Debian when missing (as root), as npm test provisions its tools.
const tools = await provisionTools(['postgres', 'openssl'], { projectRoot: root, log });
for (const { message } of tools.missing) log(message);
if (tools.missing.length > 0) process.exit(1);
Object.assign(process.env, tools.env);
const binaries = await ensureTemporalServer({ log });
log(`Temporal server ${binaries.version}: ${binaries.server}`);
const cli = await findTemporalCli({ projectRoot: root, log });
const dir = path.join(root, 'scripts', 'test', 'cluster');
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.cluster-test.ts'))
  .map((name) => path.join(dir, name));
const run = spawnSync(
  process.execPath,
  [
    '--conditions=reviewflow-source',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    // One at a time: each file runs a six-process cluster, and the machine has 2 cores.
    '--test-concurrency=1',
    '--test-timeout=600000',
    ...files,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...(cli.kind === 'existing-path' ? { TEMPORAL_CLI_PATH: cli.path } : {}) },
  },
);
process.exit(run.status ?? 1);
