import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { freePort, hasExited, killOnParentExit, stopChildProcess } from '@reviewflow/devkit';
import { devSecurityEnv } from '../dev-security-env.js';
import { StackEntry } from '../bench/stack-processes.js';
import { waitUntilReady } from './wait-until-ready.js';

/** A deployable of which the replica stack runs several copies. */
export type ReplicaApp = 'api' | 'worker-cpu' | 'worker-gpu';

/** One replica: `api-1`, `worker-cpu-2`, ... */
export interface Replica {
  name: string;
  app: ReplicaApp;
  child: ChildProcess;
  /** Base URL, for an API replica. */
  url?: string;
}

const entries: Record<ReplicaApp, string> = {
  api: StackEntry.api,
  'worker-cpu': StackEntry.workerCpu,
  'worker-gpu': StackEntry.workerGpu,
};

/**
 * Several replicas of each deployable, each its own process as in Kubernetes (no `npm start`
 * launcher between them): they share only the Temporal cluster, the artifact folder (the
 * ReadWriteMany volume of the helm chart) and their configuration. API replicas listen on ports of
 * their own; a client spreads its calls over them (see ReplicaBalancer).
 */
export class ReplicaStack {
  private constructor(
    readonly replicas: Replica[],
    readonly apiKey: string,
    private readonly root: string,
    private readonly logFd: number | undefined,
    private readonly envs: Map<string, Record<string, string>>,
  ) {}

  static async start(options: {
    root: string;
    /** Replicas of each deployable, or per deployable (at least one API). */
    replicas: number | Record<ReplicaApp, number>;
    dataDir: string;
    /** Connection to Temporal (TEMPORAL_ADDRESS, TEMPORAL_TLS_*) and anything else every app gets. */
    env: Record<string, string>;
    logFd?: number;
  }): Promise<ReplicaStack> {
    const apiKey = 'chaos-key-0123456789abcdef';
    // Each process started adds an 'exit' hook that kills it if this process dies first.
    process.setMaxListeners(Math.max(process.getMaxListeners(), 64));
    mkdirSync(options.dataDir, { recursive: true });
    const counts =
      typeof options.replicas === 'number'
        ? { api: options.replicas, 'worker-cpu': options.replicas, 'worker-gpu': options.replicas }
        : options.replicas;
    const ports = await Promise.all(Array.from({ length: counts.api }, () => freePort()));
    const security = devSecurityEnv({
      env: process.env,
      dataDir: options.dataDir,
      apiUrl: `http://127.0.0.1:${ports[0]}`,
      apiHost: '127.0.0.1',
      uiOrigins: [],
    });
    const common = {
      REVIEWFLOW_DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
      METRICS_PORT: '0',
      ...security.all,
      ...options.env,
    };
    const replicas: Replica[] = [];
    const envs = new Map<string, Record<string, string>>();
    const stack = new ReplicaStack(replicas, apiKey, options.root, options.logFd, envs);
    try {
      const most = Math.max(...Object.values(counts));
      for (let i = 1; i <= most; i++) {
        if (i <= counts.api)
          stack.launch(`api-${i}`, 'api', {
            ...common,
            PORT: String(ports[i - 1]),
            HOST: '127.0.0.1',
            REVIEWFLOW_API_KEYS: apiKey,
            ...security.api,
          });
        if (i <= counts['worker-cpu'])
          stack.launch(`worker-cpu-${i}`, 'worker-cpu', { ...common, ...security.workerCpu });
        if (i <= counts['worker-gpu']) stack.launch(`worker-gpu-${i}`, 'worker-gpu', common);
      }
      await Promise.all(replicas.flatMap((r) => (r.url === undefined ? [] : [waitUntilReady(r.url, 180_000)])));
      return stack;
    } catch (err) {
      await stack.stop();
      throw err;
    }
  }

  private launch(name: string, app: ReplicaApp, env: Record<string, string>): Replica {
    const logFd = this.logFd;
    const child = spawn(process.execPath, ['--conditions=reviewflow-source', '--import', 'tsx', entries[app]], {
      cwd: this.root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        log(logFd, `[${name}] ${line}\n`);
      });
    }
    child.once('exit', (code, signal) => {
      log(logFd, `[${name}] exited with ${signal ?? `code ${code}`}\n`);
    });
    killOnParentExit(child);
    const replica: Replica = { name, app, child, ...(app === 'api' ? { url: `http://127.0.0.1:${env.PORT}` } : {}) };
    this.envs.set(name, env);
    this.replicas.push(replica);
    return replica;
  }

  get apiUrls(): string[] {
    return this.replicas.flatMap((r) => (r.url === undefined ? [] : [r.url]));
  }

  replica(name: string): Replica {
    const replica = this.replicas.find((r) => r.name === name);
    if (replica === undefined)
      throw new Error(`no replica ${name}; there are ${this.replicas.map((r) => r.name).join(', ')}`);
    return replica;
  }

  alive(name: string): boolean {
    return !hasExited(this.replica(name).child);
  }

  /** SIGKILLs a replica (a node lost, a pod OOM-killed); it is not started again. */
  async kill(name: string): Promise<void> {
    const { child } = this.replica(name);
    if (hasExited(child)) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM to one replica (it drains and exits); `start` brings it back with the same settings. */
  async stopReplica(name: string): Promise<void> {
    await stopChildProcess(this.replica(name).child, { graceMs: 20_000 });
  }

  /** Starts a stopped or killed replica again, with its first settings (an API waits until ready). */
  async startReplica(name: string): Promise<void> {
    const replica = this.replica(name);
    if (!hasExited(replica.child)) return;
    const env = this.envs.get(name)!;
    this.replicas.splice(this.replicas.indexOf(replica), 1);
    const next = this.launch(name, replica.app, env);
    if (next.url !== undefined) await waitUntilReady(next.url, 180_000);
  }

  /** SIGTERM to every replica (they drain), SIGKILL after the grace time. */
  async stop(): Promise<void> {
    await Promise.all(this.replicas.map((r) => stopChildProcess(r.child, { graceMs: 20_000 })));
  }
}

function log(fd: number | undefined, text: string): void {
  if (fd === undefined) return;
  try {
    writeSync(fd, text);
  } catch {
    // The run closed its log; nothing more to keep.
  }
}
