/**
 * `npm run cluster [-- --stop] [--fresh] [--dir DIR] [--port 7233]`: a production-shaped Temporal
 * cluster on this machine (see TemporalCluster in @reviewflow/devkit): the Temporal server built once
 * from the Go module proxy, PostgreSQL from Debian, frontend, two history, two matching and the
 * internal worker as separate processes, mTLS on the frontend. Prints how to point reviewflow at it
 * and runs until Ctrl-C or `npm run cluster -- --stop`. State (PostgreSQL, certificates, logs) stays
 * in .data/cluster, so the next start has every review; `--fresh` starts from nothing.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureTemporalServer, findTemporalCli, isPortFree, provisionTools, TemporalCluster } from '@reviewflow/devkit';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    stop: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    dir: { type: 'string' },
    port: { type: 'string', default: '7233' },
    'postgres-port': { type: 'string', default: '55432' },
  },
});
const dir = path.resolve(values.dir ?? path.join(root, '.data', 'cluster'));
const pidFile = path.join(dir, 'cluster.pid');
const log = (message: string): void => console.error(`[cluster] ${message}`);
const rel = (p: string): string => {
  const relative = path.relative(process.cwd(), p);
  return relative === '' ? '.' : relative.startsWith('..') ? p : relative;
};

if (values.stop) {
  process.exit(await stopRunning());
}

const frontendPort = Number(values.port);
const postgresPort = Number(values['postgres-port']);
// The internal ports follow the frontend's (7234..7251 for the default 7233) while they stay below
// 32768, where the schema's smallint membership ports end; else free ones below it are picked.
const firstInternalPort = frontendPort + 1 + 18 < 32_768 ? frontendPort + 1 : undefined;
for (const [port, what] of [
  [frontendPort, 'the frontend (--port)'],
  [postgresPort, 'PostgreSQL (--postgres-port)'],
] as const) {
  if (!(await isPortFree(port, '127.0.0.1'))) {
    log(
      `port ${port} for ${what} is taken: is a cluster or \`npm start\` already running? (npm run cluster -- --stop)`,
    );
    process.exit(1);
  }
}
if (values.fresh) rmSync(dir, { recursive: true, force: true });

// Set once the cluster is up; a signal before that has nothing to drain.
const running: { cluster?: TemporalCluster } = {};
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    // While starting there is nothing to drain: exiting SIGKILLs what was started ('exit' handlers).
    if (stopping || running.cluster === undefined) process.exit(130);
    stopping = true;
    log(`${signal}: stopping the cluster (again to force)`);
    void running.cluster.stop().then(() => {
      rmSync(pidFile, { force: true });
      log('stopped');
      process.exit(0);
    });
  });
}

// PostgreSQL and openssl from Debian when missing (as root), as npm test provisions its tools.
const tools = await provisionTools(['postgres', 'openssl'], { projectRoot: root, log });
if (tools.missing.length > 0) process.exit(1);
Object.assign(process.env, tools.env);
const binaries = await ensureTemporalServer({ log });
const cli = await findTemporalCli({ projectRoot: root, log });
if (cli.kind !== 'existing-path') {
  log('the cluster needs the Temporal CLI for health checks; run `npm test` once or set TEMPORAL_CLI_PATH');
  process.exit(1);
}
const started = await TemporalCluster.start({
  dir,
  binaries,
  cli: cli.path,
  frontendPort,
  postgresPort,
  ...(firstInternalPort === undefined ? {} : { firstInternalPort }),
  log,
});
running.cluster = started;
writeFileSync(pidFile, `${process.pid}\n`);
const envFile = path.join(dir, 'cluster.env');
writeFileSync(
  envFile,
  Object.entries(started.clientEnv)
    .map(([k, v]) => `export ${k}=${v}\n`)
    .join(''),
);

console.log(
  [
    '',
    `Temporal ${binaries.version} cluster on ${started.frontendAddress} (mTLS, client certificates required)`,
    `  processes: ${started.processNames.map((n) => `${n} (pid ${started.pidOf(n)})`).join(', ')}`,
    `  PostgreSQL ${started.postgres.address} (persistence and visibility), state and logs in ${rel(dir)}`,
    '',
    'Point reviewflow at it (npm start then starts no Temporal server of its own):',
    `  source ${rel(envFile)} && npm start`,
    ...Object.entries(started.clientEnv).map(([k, v]) => `    ${k}=${v}`),
    '',
    `The Temporal CLI: temporal workflow list ${started.cliFlags.join(' ')}`,
    'Stop: Ctrl-C here, or `npm run cluster -- --stop`.',
    '',
  ].join('\n'),
);

// Report a process that dies on its own; whoever killed it may restart it (or stop the cluster).
for (;;) {
  await sleep(2_000);
  if (stopping) continue;
  for (const name of started.processNames) {
    if (started.pidOf(name) === undefined) {
      log(`${name} is not running; starting it again`);
      await started.revive(name).catch((err: unknown) => log(`${name} did not start: ${String(err)}`));
    }
  }
}

async function stopRunning(): Promise<number> {
  if (!existsSync(pidFile)) {
    log(`no cluster is running from ${rel(dir)} (no ${path.basename(pidFile)})`);
    return 0;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    log(`the cluster process ${pid} is gone; removing its pid file`);
    rmSync(pidFile, { force: true });
    return 0;
  }
  for (let i = 0; i < 600; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      log('stopped');
      return 0;
    }
    await sleep(100);
  }
  log(`the cluster process ${pid} did not stop within 60 s`);
  return 1;
}
