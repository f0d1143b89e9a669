import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { killOnParentExit } from '../kill-on-parent-exit.js';
import { hasExited, stopChildProcess } from '../stop-child-process.js';
import { acceptsConnections } from './accepts-connections.js';
import type { ClusterProcessName, ClusterProcessSpec } from './cluster-process-spec.js';
import type { TemporalService } from './temporal-service-config.js';

/** Options for {@link ClusterProcesses}. */
export interface ClusterProcessesOptions {
  /** The `temporal-server` binary every process runs. */
  server: string;
  /** Where each process's output is appended, to `<name>.log`. */
  logDir: string;
  log?: (message: string) => void;
  /** Every line a server process prints, with the process's name. */
  onLog?: (name: string, line: string) => void;
}

/**
 * The `temporal-server` processes of one cluster, one per spec: started (each with its output
 * appended to its own log file and killed should this process exit first), waited on until they
 * listen, killed one by one, and stopped service by service.
 */
export class ClusterProcesses {
  private readonly children = new Map<ClusterProcessName, ChildProcess>();

  constructor(
    private readonly options: ClusterProcessesOptions,
    readonly specs: ClusterProcessSpec[],
  ) {}

  /** The process names, in start order. */
  get names(): ClusterProcessName[] {
    return this.specs.map((s) => s.name);
  }

  /** The spec of process `name`; throws for a name the cluster does not have. */
  spec(name: ClusterProcessName): ClusterProcessSpec {
    const spec = this.specs.find((s) => s.name === name);
    if (spec === undefined) throw new Error(`the cluster has no process ${name}; it has ${this.names.join(', ')}`);
    return spec;
  }

  /** The pid of a running process, or undefined when it is not running. */
  pidOf(name: ClusterProcessName): number | undefined {
    const child = this.children.get(name);
    return child === undefined || hasExited(child) ? undefined : child.pid;
  }

  /** Whether the process was started and has exited since. */
  hasExited(name: ClusterProcessName): boolean {
    const child = this.children.get(name);
    return child !== undefined && hasExited(child);
  }

  /** Whether the process was started and has not exited. */
  isRunning(name: ClusterProcessName): boolean {
    const child = this.children.get(name);
    return child !== undefined && !hasExited(child);
  }

  /** Starts the process of `spec`, replacing the one of that name that ran before. */
  spawn(spec: ClusterProcessSpec): void {
    const logFd = openSync(this.logFile(spec.name), 'a');
    const child = spawn(
      this.options.server,
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

  /** SIGKILLs one process (a crash); resolves once it is gone. */
  async kill(name: ClusterProcessName): Promise<void> {
    const child = this.children.get(name);
    if (child === undefined || hasExited(child)) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Stops the internal worker and the frontend first, then matching and history. */
  async stop(): Promise<void> {
    const order: TemporalService[] = ['worker', 'frontend', 'matching', 'history'];
    for (const service of order) {
      const children = this.specs
        .filter((s) => s.service === service)
        .map((s) => this.children.get(s.name))
        .filter((c): c is ChildProcess => c !== undefined);
      await Promise.all(children.map((c) => stopChildProcess(c, { graceMs: 10_000 })));
    }
  }

  /** The last lines a process printed, its first fatal line kept, for error messages. */
  logTail(name: ClusterProcessName, lines = 12): string {
    const file = this.logFile(name);
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
   * Waits until a process accepts connections on its gRPC port: past its start-up, in the
   * membership ring. A process that exits meanwhile is started again once (as a supervisor would).
   */
  async waitUntilListening(spec: ClusterProcessSpec, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let restarted = false;
    while (!(await acceptsConnections(spec.ports.grpcPort))) {
      if (this.hasExited(spec.name)) {
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

  private logFile(name: ClusterProcessName): string {
    return path.join(this.options.logDir, `${name}.log`);
  }
}

function writeSyncSafe(fd: number, text: string): void {
  try {
    writeFileSync(fd, text);
  } catch {
    // The log closed with the process; the line is also passed to onLog.
  }
}
