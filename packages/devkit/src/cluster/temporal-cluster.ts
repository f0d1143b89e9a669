import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../free-port.js';
import type { ClusterProcessName } from './cluster-process-spec.js';
import { ClusterProcesses } from './cluster-processes.js';
import type { TemporalServerBinaries } from './ensure-temporal-server.js';
import { makeClusterCertificates, type ClusterCertificates } from './make-cluster-certificates.js';
import { planClusterProcesses } from './plan-cluster-processes.js';
import { PostgresServer } from './postgres-server.js';
import { registerNamespace } from './register-namespace.js';
import { setUpTemporalSchemas } from './set-up-temporal-schemas.js';
import { waitUntilServing } from './wait-until-serving.js';

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
  private constructor(
    private readonly options: TemporalClusterOptions,
    readonly postgres: PostgresServer,
    readonly certs: ClusterCertificates,
    private readonly processes: ClusterProcesses,
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
      await setUpTemporalSchemas(options.binaries, postgres, postgresUser, password, log);
      const { specs, frontendAddress } = await planClusterProcesses({
        ...options,
        dir,
        postgres: { address: postgres.address, user: postgresUser, password },
        certs,
      });
      const processes = new ClusterProcesses(
        { server: options.binaries.server, logDir: path.join(dir, 'logs'), log: options.log, onLog: options.onLog },
        specs,
      );

      const cluster = new TemporalCluster(
        options,
        postgres,
        certs,
        processes,
        frontendAddress,
        options.namespace ?? 'default',
      );
      try {
        // One process first: on a fresh database every process writes the cluster metadata at
        // start, and those that lose the race exit. Once the first serves, the rest only read it.
        const [first, ...rest] = specs.filter((s) => s.service !== 'worker');
        processes.spawn(first!);
        await processes.waitUntilListening(first!, 120_000);
        for (const spec of rest) processes.spawn(spec);
        await cluster.waitUntilServing();
        await registerNamespace(options.cli, cluster.cliFlags, cluster.namespace);
        // The internal worker needs the frontend (and the system namespace) first.
        const worker = specs.find((s) => s.service === 'worker')!;
        processes.spawn(worker);
        for (const spec of specs) await processes.waitUntilListening(spec, 120_000);
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
    return this.processes.names;
  }

  /** The pid of a running process, or undefined when it is not running. */
  pidOf(name: ClusterProcessName): number | undefined {
    return this.processes.pidOf(name);
  }

  /** The Prometheus metrics URL of a process. */
  metricsUrl(name: ClusterProcessName): string {
    return `http://127.0.0.1:${this.processes.spec(name).ports.metricsPort}/metrics`;
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
    await this.processes.kill(name);
  }

  /** Starts a process that was killed, with the same configuration; the frontend is waited on until it serves. */
  async revive(name: ClusterProcessName): Promise<void> {
    if (this.processes.isRunning(name)) return;
    this.processes.spawn(this.processes.spec(name));
    if (name === 'frontend') await this.waitUntilServing();
  }

  /** Stops the internal worker and the frontend first, then matching and history, then PostgreSQL. */
  async stop(): Promise<void> {
    await this.processes.stop();
    await this.postgres.stop();
  }

  /** The last lines a process printed, its first fatal line kept, for error messages. */
  logTail(name: ClusterProcessName, lines = 12): string {
    return this.processes.logTail(name, lines);
  }

  private waitUntilServing(): Promise<void> {
    return waitUntilServing(this.options.cli, this.cliFlags, this.processes, 120_000);
  }
}
