/**
 * `npm start`: the whole of reviewflow on one machine.
 *
 * Unless TEMPORAL_ADDRESS names a server to use, a real Temporal dev server on 127.0.0.1:7233 (Web
 * UI on 8233, state in temporal.db in the data folder — <root>/.data unless REVIEWFLOW_DATA_DIR says
 * otherwise — so a restart keeps every review); then the API, worker-cpu and worker-gpu, each its
 * own process, with prefixed logs. Ctrl-C or SIGTERM stops the apps first
 * (they drain), then Temporal; a second Ctrl-C forces. A child that dies is reported, never
 * restarted, and the rest keeps running: whoever killed it may want to restart it themselves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  findTemporalCli,
  hasExited,
  isPortFree,
  searchAttributeArgs,
  startDevServer,
  stopChildProcess,
} from '@reviewflow/devkit';
import { devSecurityEnv } from './dev-security-env.js';
import { modelCatalog, readSelectedModels } from '@reviewflow/worker-gpu';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.REVIEWFLOW_DATA_DIR
  ? path.resolve(process.env.REVIEWFLOW_DATA_DIR)
  : path.join(root, '.data');
const temporalPort = 7233;
const temporalUiPort = 8233;
const externalTemporal = process.env.TEMPORAL_ADDRESS || undefined;
const apiPort = parsePort(process.env.PORT ?? '3000');
// Loopback unless asked otherwise: the dev API key is printed to the console, so the API should
// not be reachable from the network by default.
const apiHost = process.env.HOST || '127.0.0.1';
const apiUrl = `http://${urlHost(apiHost)}:${apiPort}`;
// Apps get this long to drain after SIGTERM; worker-cpu's own activity grace time is 10 s.
const appStopGraceMs = 15_000;

const useColor = process.stdout.isTTY === true && !process.env.NO_COLOR;
const colors: Record<string, number> = { start: 1, temporal: 35, api: 36, 'worker-cpu': 32, 'worker-gpu': 33 };
const prefixWidth = Math.max(...Object.keys(colors).map((name) => name.length)) + 2;

interface App {
  name: string;
  child: ChildProcess;
}

/** The running Temporal server, however it was started. */
interface Temporal {
  address: string;
  stop(): Promise<void>;
  /** For a forced exit: no waiting. */
  kill(): void;
}

const apps: App[] = [];
let temporalStarting: Promise<Temporal> | undefined;
let temporal: Temporal | undefined;
let shutdown: { at: number } | undefined;
let temporalStopping = false;
const startup = new AbortController();

main().catch(async (err: unknown) => {
  // A signal during startup aborts it; the signal handler owns the exit then.
  if (shutdown) return;
  say(`failed: ${err instanceof Error ? err.message : String(err)}`, 'stderr');
  await stopEverything();
  process.exit(1);
});

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void onSignal(signal));
  // Last resort for crashes: 'exit' handlers must be synchronous, so no grace here.
  process.on('exit', () => {
    for (const app of apps) if (!hasExited(app.child)) app.child.kill('SIGKILL');
  });

  await failFastOnTakenPorts();
  mkdirSync(dataDir, { recursive: true });
  const apiKey = process.env.REVIEWFLOW_DEV_API_KEY || randomBytes(24).toString('base64url');
  const security = devSecurityEnv({
    env: process.env,
    dataDir,
    apiUrl,
    apiHost,
    uiOrigins: [`http://127.0.0.1:${temporalUiPort}`, `http://localhost:${temporalUiPort}`],
  });

  temporalStarting =
    externalTemporal === undefined
      ? startTemporal(security.uiCodecEndpoint)
      : Promise.resolve(useExternalTemporal(externalTemporal));
  temporal = await temporalStarting;
  if (shutdown) return;

  const common = { TEMPORAL_ADDRESS: temporal.address, REVIEWFLOW_DATA_DIR: dataDir, ...security.all };
  // Said before the apps start as well as in the banner: loading a model takes seconds, and what
  // will review is known now.
  say(
    `models: ${modelLines()
      .map((line) => line.trim().replace(/\s{2,}/, ': '))
      .join('; ')}`,
  );
  startApp(
    'api',
    'apps/api/src/server.ts',
    {
      ...common,
      PORT: String(apiPort),
      HOST: apiHost,
      REVIEWFLOW_API_KEYS: apiKey,
      // The review page links each workflow in the Web UI of the dev server started here.
      ...(process.env.TEMPORAL_ADDRESS || process.env.TEMPORAL_UI_URL
        ? {}
        : { TEMPORAL_UI_URL: `http://127.0.0.1:${temporalUiPort}` }),
      ...security.api,
    },
    // The API image's V8 flag (see the Dockerfile): small young-generation semi-spaces.
    ['--max-semi-space-size=2'],
  );
  startApp('worker-cpu', 'apps/worker-cpu/src/main.ts', { ...common, ...security.workerCpu });
  // A model server configured for worker-cpu is the user's choice: local weights must not override it.
  startApp(
    'worker-gpu',
    'apps/worker-gpu/src/main.ts',
    process.env.LLM_BASE_URL && !process.env.LLM_PROVIDER ? { ...common, LLM_PROVIDER: 'off' } : common,
  );

  if (await waitForApi()) {
    printBanner(apiKey);
    for (const note of security.notes) say(note);
  }
}

async function failFastOnTakenPorts(): Promise<void> {
  const wanted: Array<{ port: number; host: string; what: string; hint: string }> = [];
  if (externalTemporal === undefined) {
    const hint =
      'Is another `npm start` or Temporal server running? Stop it, or set TEMPORAL_ADDRESS to use that server instead.';
    wanted.push({ port: temporalPort, host: '127.0.0.1', what: 'the Temporal frontend', hint });
    wanted.push({ port: temporalUiPort, host: '127.0.0.1', what: 'the Temporal Web UI', hint });
  }
  wanted.push({
    port: apiPort,
    host: apiHost,
    what: 'the API',
    hint: 'Stop whatever holds it, or set PORT to another port.',
  });
  for (const { port, host, what, hint } of wanted) {
    if (!(await isPortFree(port, host))) {
      throw new Error(
        `port ${port} (${what}) on ${host} is already in use. ${hint} (\`ss -ltnp 'sport = :${port}'\` shows who has it.)`,
      );
    }
  }
}

async function startTemporal(uiCodecEndpoint: string | undefined): Promise<Temporal> {
  const dbFile = path.join(dataDir, 'temporal.db');
  const cli = await findTemporalCli({ projectRoot: root, log: (message) => say(message) });
  if (cli.kind === 'sdk-download') return startTemporalViaSdk(dbFile);

  say(`starting the Temporal dev server on 127.0.0.1:${temporalPort} (state in ${path.relative(root, dbFile)})`);
  const server = await startDevServer({
    cli: cli.path,
    port: temporalPort,
    uiPort: temporalUiPort,
    dbFile,
    ...(uiCodecEndpoint === undefined ? {} : { uiCodecEndpoint }),
    // Once asked to stop, its internal system workers warn about every poll that fails on the way
    // down: noise, not news. An unclean end still shows as its exit status.
    onLog: (line) => {
      if (!temporalStopping) writePrefixed('temporal', line, process.stdout);
    },
    // On a terminal, Ctrl-C reaches the whole foreground process group; keeping Temporal out of it
    // lets the workers finish their activities against a live server before it goes. Without a
    // terminal it stays in our group, so whoever signals or inspects the group sees all of it.
    detached: hasControllingTerminal(),
    signal: startup.signal,
  });
  void server.exited.then(({ code, signal }) => {
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (shutdown) say(`stopped (${how})`, 'stdout', 'temporal');
    else say(`exited with ${how}; the apps keep running without it`, 'stderr', 'temporal');
  });
  return {
    address: server.address,
    stop: () => server.stop(),
    kill: () => {
      try {
        process.kill(server.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}

/**
 * Fallback for machines with no Temporal CLI and no pip: the Temporal SDK downloads the CLI (needs
 * internet) and runs the same dev server with the same ports, SQLite file and search attributes.
 * Differences: the SDK owns that process, so its output is not prefixed, an unexpected exit is not
 * reported, and it sits in our process group (a terminal's Ctrl-C reaches it at once).
 */
async function startTemporalViaSdk(dbFile: string): Promise<Temporal> {
  say(`starting a Temporal dev server downloaded by the Temporal SDK on 127.0.0.1:${temporalPort}`);
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      ip: '127.0.0.1',
      port: temporalPort,
      ui: true,
      uiPort: temporalUiPort,
      dbFilename: dbFile,
      log: { format: 'pretty', level: 'warn' },
      extraArgs: searchAttributeArgs(),
    },
  });
  return { address: env.address, stop: () => env.teardown(), kill: () => void env.teardown() };
}

function useExternalTemporal(address: string): Temporal {
  say(`using the Temporal server at ${address} (TEMPORAL_ADDRESS); starting none`);
  return { address, stop: async () => {}, kill: () => {} };
}

function startApp(name: string, entry: string, env: Record<string, string>, nodeFlags: string[] = []): void {
  const child = spawn(process.execPath, [...nodeFlags, '--conditions=reviewflow-source', '--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  apps.push({ name, child });
  pipePrefixed(name, child.stdout, process.stdout);
  pipePrefixed(name, child.stderr, process.stderr);
  child.on('error', (err) => say(`could not start: ${err.message}`, 'stderr', name));
  child.on('exit', (code, signal) => {
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (shutdown) say(`stopped (${how})`, 'stdout', name);
    else say(`exited with ${how} — not restarted; the rest keeps running`, 'stderr', name);
  });
}

/** Polls GET /readyz until it answers 2xx; false when the API died first or we are shutting down. */
async function waitForApi(): Promise<boolean> {
  const api = apps.find((app) => app.name === 'api');
  const started = Date.now();
  let nextNotice = 30_000;
  while (!shutdown && api !== undefined && !hasExited(api.child)) {
    try {
      const response = await fetch(`${apiUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > nextNotice) {
      say(`still waiting for ${apiUrl}/readyz after ${Math.round(nextNotice / 1000)} s`);
      nextNotice += 30_000;
    }
    await sleep(500);
  }
  if (!shutdown) say(`the API exited before ${apiUrl}/readyz answered; see its output above`, 'stderr');
  return false;
}

function printBanner(apiKey: string): void {
  const keyNote = process.env.REVIEWFLOW_DEV_API_KEY
    ? '(REVIEWFLOW_DEV_API_KEY)'
    : '(random for this run; set REVIEWFLOW_DEV_API_KEY to fix it)';
  const temporalLine =
    externalTemporal === undefined
      ? `Temporal UI  http://127.0.0.1:${temporalUiPort}`
      : `Temporal     ${externalTemporal} (TEMPORAL_ADDRESS)`;
  const lines = [
    'reviewflow is up',
    `  API          ${apiUrl}`,
    `  Swagger UI   ${apiUrl}/docs`,
    `  ${temporalLine}`,
    `  Metrics      ${apiUrl}/metrics (api)`,
    `               ${workerMetricsUrl(9464)} (worker-cpu)`,
    `               ${workerMetricsUrl(9465)} (worker-gpu)`,
    '  Dashboards   npm run prometheus (Prometheus on http://127.0.0.1:9090, prints the Grafana command)',
    ...modelLines(),
    `  API key      ${apiKey}  ${keyNote}`,
    `  Try          curl -H 'Authorization: Bearer ${apiKey}' ${apiUrl}/reviews`,
    'Ctrl-C stops everything.',
  ];
  for (const line of lines) say(line);
}

/** What reviews and embeds, as worker-gpu will choose it (see its config: EMBEDDINGS_PROVIDER, LLM_PROVIDER). */
function modelLines(): string[] {
  let selected: { llm?: string; embeddings?: string } = {};
  try {
    selected = readSelectedModels(process.env.MODELS_DIR ?? path.join(dataDir, 'models'));
  } catch {
    // worker-gpu reports a broken selection itself, and stops.
  }
  const nameOf = (id: string | undefined) =>
    id === undefined ? undefined : modelCatalog.find((m) => m.id === id)?.name;
  const llm = process.env.LLM_BASE_URL
    ? `${process.env.LLM_MODEL ?? '?'} at ${process.env.LLM_BASE_URL} (worker-cpu), rules beside it`
    : process.env.LLM_MODEL_PATH
      ? `${process.env.LLM_MODEL_PATH} (local, worker-gpu), rules beside it`
      : nameOf(selected.llm)
        ? `${nameOf(selected.llm)} (local GGUF model, worker-gpu), rules beside it`
        : 'offline rules only (the offline default; npm run models fetches a local code LLM)';
  const embeddings = process.env.EMBEDDINGS_BASE_URL
    ? `${process.env.EMBEDDINGS_MODEL ?? '?'} at ${process.env.EMBEDDINGS_BASE_URL}`
    : process.env.EMBEDDINGS_MODEL_PATH
      ? `${process.env.EMBEDDINGS_MODEL_PATH} (local ONNX model)`
      : nameOf(selected.embeddings)
        ? `${nameOf(selected.embeddings)} (local ONNX model, worker-gpu)`
        : 'feature hashing (the offline default)';
  return [`  Reviewer     ${llm}`, `  Embeddings   ${embeddings}`];
}

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  if (shutdown) {
    // npm forwards the signal it got to us as well, and a terminal's Ctrl-C reaches both: one
    // press often arrives twice within milliseconds. Only a later one means "force".
    if (Date.now() - shutdown.at < 1_000) return;
    say(`${signal} again: killing everything now`, 'stderr');
    for (const app of apps) if (!hasExited(app.child)) app.child.kill('SIGKILL');
    temporal?.kill();
    process.exit(1);
  }
  shutdown = { at: Date.now() };
  say(`${signal}: stopping the apps (up to ${appStopGraceMs / 1000} s), then Temporal; Ctrl-C again to force`);
  startup.abort();
  await stopEverything();
  say('stopped');
  process.exit(0);
}

async function stopEverything(): Promise<void> {
  // A signal sent to the whole process group (terminal Ctrl-C, `kill -- -PGID`) has reached the
  // apps too; give them a moment to react so `unlessDraining` sees them draining and does not
  // send the second signal that would cut the drain short.
  if (apps.some((app) => !hasExited(app.child))) await sleep(300);
  await Promise.all(apps.map((app) => stopChildProcess(app.child, { graceMs: appStopGraceMs, unlessDraining: true })));
  temporalStopping = true;
  try {
    // Also covers a server still starting: the aborted start stops it, or it finished and we stop it.
    await (await temporalStarting?.catch(() => undefined))?.stop();
  } catch (err) {
    say(`stopping failed: ${err instanceof Error ? err.message : String(err)}`, 'stderr', 'temporal');
  }
}

/** Whether a terminal can send our process group signals (Ctrl-C); opening /dev/tty fails without one. */
function hasControllingTerminal(): boolean {
  try {
    closeSync(openSync('/dev/tty', 'r'));
    return true;
  } catch {
    return false;
  }
}

function pipePrefixed(name: string, input: Readable, output: Writable): void {
  createInterface({ input, crlfDelay: Infinity }).on('line', (line) => writePrefixed(name, line, output));
}

function writePrefixed(name: string, line: string, output: Writable): void {
  const label = `[${name}]`.padEnd(prefixWidth);
  const code = colors[name];
  output.write(`${useColor && code !== undefined ? `\x1b[${code}m${label}\x1b[0m` : label} ${line}\n`);
}

function say(message: string, stream: 'stdout' | 'stderr' = 'stdout', name = 'start'): void {
  writePrefixed(name, message, stream === 'stdout' ? process.stdout : process.stderr);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    console.error(`PORT must be a TCP port number, got "${value}"`);
    process.exit(1);
  }
  return port;
}

/** Where a worker's Prometheus exporter listens: its config's default port unless METRICS_PORT says otherwise. */
function workerMetricsUrl(defaultPort: number): string {
  const port = process.env.METRICS_PORT || String(defaultPort);
  if (port === '0') return 'off (METRICS_PORT=0)';
  return `http://${urlHost(process.env.METRICS_HOST || '127.0.0.1')}:${port}/metrics`;
}

/** The host part of a URL that reaches a server bound to `host` from this machine. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
