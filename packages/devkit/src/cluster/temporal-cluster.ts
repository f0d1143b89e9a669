import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../free-port.js';
import { isPortFree } from '../is-port-free.js';
import { runCommand } from '../run-command.js';
import { killOnParentExit } from '../kill-on-parent-exit.js';
import { hasExited, stopChildProcess } from '../stop-child-process.js';
import type { TemporalServerBinaries } from './ensure-temporal-server.js';
import { makeClusterCertificates, type ClusterCertificates } from './make-cluster-certificates.js';
import { PostgresServer } from './postgres-server.js';
import {
  temporalServiceConfig,
  type ClusterSettings,
  type ServicePorts,
  type TemporalService,
} from './temporal-service-config.js';

/** A process of the cluster: `frontend`, `history-1`, `history-2`, `matching-1`, `matching-2`, `worker`. */
export type ClusterProcessName = `${TemporalService}` | `${'history' | 'matching'}-${number}`;

/** Options for {@link TemporalCluster.start}. */
export interface TemporalClusterOptions {
  /** The cluster's folder: PostgreSQL data, certificates, configuration files and logs. Kept between runs. */
  dir: string;
  binaries: TemporalServerBinaries;
  /** The Temporal CLI, for health checks and registering the namespace. */
  cli: string;
  /** Frontend gRPC port; a free one when omitted. */
  frontendPort?: number;
  /** PostgreSQL port; a free one when omitted. */
  postgresPort?: number;
  /** First of the ports the other processes take one after another; free ones when omitted. */
  firstInternalPort?: number;
  historyProcesses?: number;
  matchingProcesses?: number;
  numHistoryShards?: number;
  namespace?: string;
  log?: (message: string) => void;
  /** Every line a server process prints, with the process's name. */
  onLog?: (name: string, line: string) => void;
}

interface ProcessSpec {
  name: ClusterProcessName;
  service: TemporalService;
  ports: ServicePorts;
  configFile: string;
}

const postgresUser = 'temporal';

/**
 * A multi-process Temporal cluster on one machine, as it runs in production: PostgreSQL for
 * persistence and SQL visibility (schemas set up with the release's own schema tool), and the
 * frontend, history, matching and internal worker as separate `temporal-server` processes in one
 * membership ring, with TLS on the frontend and client certificates required. Only the namespace is
 * registered; search attributes are left to the application, as on a fresh production cluster.
 * Each process can be killed and started again on its own.
 */
export class TemporalCluster {
  private readonly children = new Map<ClusterProcessName, ChildProcess>();

  private constructor(
    private readonly options: TemporalClusterOptions,
    readonly postgres: PostgresServer,
    readonly certs: ClusterCertificates,
    private readonly specs: ProcessSpec[],
    readonly frontendAddress: string,
    readonly namespace: string,
  ) {}

  static async start(options: TemporalClusterOptions): Promise<TemporalCluster> {
    const log = options.log ?? (() => {});
    // Each process started adds an 'exit' hook that kills it if this process dies first.
    process.setMaxListeners(Math.max(process.getMaxListeners(), 64));
    const dir = path.resolve(options.dir);
    mkdirSync(path.join(dir, 'logs'), { recursive: true });
    const certs = await makeClusterCertificates(path.join(dir, 'certs'));
    const password = 'temporal-local-cluster';
    const postgres = await PostgresServer.start({
      dataDir: path.join(dir, 'postgres'),
      port: options.postgresPort ?? (await freePort()),
      user: postgresUser,
      password,
      logFile: path.join(dir, 'logs', 'postgres.log'),
    });
    try {
      log(`PostgreSQL up on ${postgres.address}`);
      await setUpSchemas(options.binaries, postgres, password, log);

      const next = portAllocator(options.firstInternalPort);
      const ownPorts = async (): Promise<ServicePorts> => ({
        grpcPort: await next(),
        membershipPort: await next(),
        metricsPort: await next(),
      });
      const planned: Array<{ name: ClusterProcessName; service: TemporalService; ports: ServicePorts }> = [];
      for (let i = 1; i <= (options.historyProcesses ?? 2); i++)
        planned.push({ name: `history-${i}`, service: 'history', ports: await ownPorts() });
      for (let i = 1; i <= (options.matchingProcesses ?? 2); i++)
        planned.push({ name: `matching-${i}`, service: 'matching', ports: await ownPorts() });
      const frontendPorts = { ...(await ownPorts()), grpcPort: options.frontendPort ?? (await freePort()) };
      planned.push({ name: 'frontend', service: 'frontend', ports: frontendPorts });
      planned.push({ name: 'worker', service: 'worker', ports: await ownPorts() });

      const frontendAddress = `127.0.0.1:${frontendPorts.grpcPort}`;
      const dynamicConfigFile = path.join(dir, 'dynamic-config.yaml');
      writeFileSync(dynamicConfigFile, '{}\n');
      const first = (service: TemporalService): ServicePorts => planned.find((p) => p.service === service)!.ports;
      const settings: ClusterSettings = {
        frontendAddress,
        servicePorts: {
          frontend: frontendPorts,
          history: first('history'),
          matching: first('matching'),
          worker: first('worker'),
        },
        postgres: { address: postgres.address, user: postgresUser, password },
        numHistoryShards: options.numHistoryShards ?? 8,
        certs,
        dynamicConfigFile,
        logLevel: 'warn',
      };
      const specs: ProcessSpec[] = planned.map((p) => {
        const configFile = path.join(dir, `${p.name}.yaml`);
        writeFileSync(configFile, temporalServiceConfig(p.service, p.ports, settings), { mode: 0o600 });
        return { ...p, configFile };
      });

      const cluster = new TemporalCluster(
        options,
        postgres,
        certs,
        specs,
        frontendAddress,
        options.namespace ?? 'default',
      );
      try {
        // One process first: on a fresh database every process writes the cluster metadata at
        // start, and those that lose the race exit. Once the first serves, the rest only read it.
        const [first, ...rest] = specs.filter((s) => s.service !== 'worker');
        cluster.spawn(first!);
        await cluster.waitUntilListening(first!, 120_000);
        for (const spec of rest) cluster.spawn(spec);
        await cluster.waitUntilServing(120_000);
        await cluster.registerNamespace();
        // The internal worker needs the frontend (and the system namespace) first.
        const worker = specs.find((s) => s.service === 'worker')!;
        cluster.spawn(worker);
        for (const spec of specs) await cluster.waitUntilListening(spec, 120_000);
        log(`Temporal cluster serving on ${frontendAddress} (mTLS): ${specs.map((s) => s.name).join(', ')}`);
        return cluster;
      } catch (err) {
        await cluster.stop();
        throw err;
      }
    } catch (err) {
      await postgres.stop();
      throw err;
    }
  }

  /** The process names, in start order. */
  get processNames(): ClusterProcessName[] {
    return this.specs.map((s) => s.name);
  }

  /** The pid of a running process, or undefined when it is not running. */
  pidOf(name: ClusterProcessName): number | undefined {
    const child = this.children.get(name);
    return child === undefined || hasExited(child) ? undefined : child.pid;
  }

  /** The Prometheus metrics URL of a process. */
  metricsUrl(name: ClusterProcessName): string {
    return `http://127.0.0.1:${this.spec(name).ports.metricsPort}/metrics`;
  }

  /** The settings a reviewflow deployable (or the Temporal CLI, as flags) needs to talk to this cluster. */
  get clientEnv(): Record<string, string> {
    return {
      TEMPORAL_ADDRESS: this.frontendAddress,
      TEMPORAL_NAMESPACE: this.namespace,
      TEMPORAL_TLS_CA_PATH: this.certs.caCert,
      TEMPORAL_TLS_CERT_PATH: this.certs.clientCert,
      TEMPORAL_TLS_KEY_PATH: this.certs.clientKey,
      TEMPORAL_TLS_SERVER_NAME: this.certs.serverName,
    };
  }

  /** The same, as `Connection.connect` options of the Temporal SDK. */
  get connectionOptions(): {
    address: string;
    tls: { serverNameOverride: string; serverRootCACertificate: Buffer; clientCertPair: { crt: Buffer; key: Buffer } };
  } {
    return {
      address: this.frontendAddress,
      tls: {
        serverNameOverride: this.certs.serverName,
        serverRootCACertificate: readFileSync(this.certs.caCert),
        clientCertPair: { crt: readFileSync(this.certs.clientCert), key: readFileSync(this.certs.clientKey) },
      },
    };
  }

  /** `temporal` CLI flags for the same connection. */
  get cliFlags(): string[] {
    return [
      '--address',
      this.frontendAddress,
      '--namespace',
      this.namespace,
      '--tls-ca-path',
      this.certs.caCert,
      '--tls-cert-path',
      this.certs.clientCert,
      '--tls-key-path',
      this.certs.clientKey,
      '--tls-server-name',
      this.certs.serverName,
    ];
  }

  /** SIGKILLs one process (a crash); resolves once it is gone. */
  async kill(name: ClusterProcessName): Promise<void> {
    const child = this.children.get(name);
    if (child === undefined || hasExited(child)) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Starts a process that was killed, with the same configuration; the frontend is waited on until it serves. */
  async revive(name: ClusterProcessName): Promise<void> {
    const child = this.children.get(name);
    if (child !== undefined && !hasExited(child)) return;
    this.spawn(this.spec(name));
    if (name === 'frontend') await this.waitUntilServing(120_000);
  }

  /** Stops the internal worker and the frontend first, then matching and history, then PostgreSQL. */
  async stop(): Promise<void> {
    const order: TemporalService[] = ['worker', 'frontend', 'matching', 'history'];
    for (const service of order) {
      const children = this.specs
        .filter((s) => s.service === service)
        .map((s) => this.children.get(s.name))
        .filter((c): c is ChildProcess => c !== undefined);
      await Promise.all(children.map((c) => stopChildProcess(c, { graceMs: 10_000 })));
    }
    await this.postgres.stop();
  }

  private spec(name: ClusterProcessName): ProcessSpec {
    const spec = this.specs.find((s) => s.name === name);
    if (spec === undefined)
      throw new Error(`the cluster has no process ${name}; it has ${this.processNames.join(', ')}`);
    return spec;
  }

  private spawn(spec: ProcessSpec): void {
    const logFd = openSync(path.join(path.resolve(this.options.dir), 'logs', `${spec.name}.log`), 'a');
    const child = spawn(
      this.options.binaries.server,
      ['--config-file', spec.configFile, '--allow-no-auth', 'start', '--service', spec.service],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        writeSyncSafe(logFd, `${line}\n`);
        this.options.onLog?.(spec.name, line);
      });
    }
    child.once('exit', () => closeSync(logFd));
    killOnParentExit(child);
    this.children.set(spec.name, child);
  }

  private async waitUntilServing(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      const frontend = this.children.get('frontend');
      if (frontend !== undefined && hasExited(frontend))
        throw new Error(`the frontend exited while starting:\n${this.logTail('frontend')}`);
      const health = await runCommand(this.options.cli, ['operator', 'cluster', 'health', ...this.cliFlags], {
        timeoutMs: 10_000,
      });
      if (health.code === 0 && health.output.includes('SERVING')) return;
      last = health.output.trim();
      await sleep(500);
    }
    throw new Error(`the cluster's frontend was not serving within ${timeoutMs / 1000} s: ${last}`);
  }

  /** The last lines a process printed, its first fatal line kept, for error messages. */
  logTail(name: ClusterProcessName, lines = 12): string {
    const file = path.join(path.resolve(this.options.dir), 'logs', `${name}.log`);
    let all: string[];
    try {
      all = readFileSync(file, 'utf8').trimEnd().split('\n');
    } catch {
      return `(no log at ${file})`;
    }
    const fatal = all.find((line) => /Unable to (create|start) server|panic:|"level":"fatal"/.test(line));
    const tail = all.slice(-lines);
    return [...(fatal !== undefined && !tail.includes(fatal) ? [fatal, '...'] : []), ...tail]
      .map((line) => line.slice(0, 800))
      .join('\n');
  }

  /**
   * Registers the namespace unless it exists, then waits until the frontend serves it: describe
   * reads the database, while most calls go through the frontend's namespace cache, which learns of
   * a new namespace on its next refresh (seconds later).
   */
  private async registerNamespace(): Promise<void> {
    const flags = this.cliFlags;
    const deadline = Date.now() + 90_000;
    let last = '';
    for (;;) {
      const described = await runCommand(this.options.cli, ['operator', 'namespace', 'describe', ...flags], {
        timeoutMs: 10_000,
      });
      if (described.code !== 0) {
        const created = await runCommand(
          this.options.cli,
          ['operator', 'namespace', 'create', ...flags, '--retention', '72h'],
          { timeoutMs: 20_000 },
        );
        // History may not own its shards yet right after the frontend came up.
        if (created.code !== 0 && !/already/i.test(created.output)) last = created.output.trim();
      } else {
        const served = await runCommand(this.options.cli, ['operator', 'search-attribute', 'list', ...flags], {
          timeoutMs: 10_000,
        });
        if (served.code === 0) return;
        last = served.output.trim();
      }
      if (Date.now() > deadline) throw new Error(`namespace ${this.namespace} not served within 90 s: ${last}`);
      await sleep(1_000);
    }
  }

  /**
   * Waits until a process accepts connections on its gRPC port: past its start-up, in the
   * membership ring. A process that exits meanwhile is started again once (as a supervisor would).
   */
  private async waitUntilListening(spec: ProcessSpec, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let restarted = false;
    while (!(await acceptsConnections(spec.ports.grpcPort))) {
      const child = this.children.get(spec.name);
      if (child !== undefined && hasExited(child)) {
        if (restarted) throw new Error(`${spec.name} exited twice while starting:\n${this.logTail(spec.name)}`);
        this.options.log?.(`${spec.name} exited while starting; starting it again`);
        this.spawn(spec);
        restarted = true;
      }
      if (Date.now() > deadline)
        throw new Error(`${spec.name} did not listen on ${spec.ports.grpcPort} within ${timeoutMs / 1000} s`);
      await sleep(200);
    }
  }
}

async function setUpSchemas(
  binaries: TemporalServerBinaries,
  postgres: PostgresServer,
  password: string,
  log: (message: string) => void,
): Promise<void> {
  const [host, port] = postgres.address.split(':') as [string, string];
  for (const [database, schema] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    const run = (...args: string[]) =>
      runCommand(
        binaries.sqlTool,
        [
          '--plugin',
          'postgres12',
          '--ep',
          host,
          '-p',
          port,
          '-u',
          postgresUser,
          '--pw',
          password,
          '--db',
          database,
          ...args,
        ],
        { timeoutMs: 120_000 },
      );
    const tool = async (...args: string[]): Promise<void> => {
      const result = await run(...args);
      if (result.code !== 0)
        throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed: ${result.output.trim()}`);
    };
    const created = await run('create-database');
    if (created.code === 0) {
      await tool('setup-schema', '-v', '0.0');
    } else if (!/already exists/.test(created.output)) {
      throw new Error(`temporal-sql-tool create-database ${database} failed: ${created.output.trim()}`);
    }
    // Idempotent: applies only the versions the database does not have yet.
    await tool('update-schema', '-d', path.join(binaries.postgresSchemaDir, schema, 'versioned'));
    log(`schema ${database} up to date (temporal-sql-tool ${binaries.version})`);
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/**
 * Successive ports from `first`, or free ones picked at random. Not the kernel's ephemeral ports:
 * the SQL schema stores membership ports as smallint, so they must stay below 32768.
 */
function portAllocator(first: number | undefined): () => Promise<number> {
  let nextPort = first;
  const taken = new Set<number>();
  return async () => {
    if (nextPort !== undefined) return nextPort++;
    for (;;) {
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      if (taken.has(port) || !(await isPortFree(port, '127.0.0.1'))) continue;
      taken.add(port);
      return port;
    }
  };
}

function writeSyncSafe(fd: number, text: string): void {
  try {
    writeFileSync(fd, text);
  } catch {
    // The log closed with the process; the line is also passed to onLog.
  }
}
