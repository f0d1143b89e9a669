import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, realpathSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { lookupTool } from '../provision/find-tool.js';
import { runCommand } from '../run-command.js';
import { killOnParentExit } from '../kill-on-parent-exit.js';
import { hasExited, stopChildProcess } from '../stop-child-process.js';

/** Options for {@link PostgresServer.start}. */
export interface PostgresServerOptions {
  /** Data folder; initialised on first use and kept, so a restart keeps every row. */
  dataDir: string;
  port: number;
  /** The superuser the server is initialised with, and its password (TCP logins use scram-sha-256). */
  user: string;
  password: string;
  /** Server output (appended). */
  logFile: string;
}

/**
 * A PostgreSQL server of its own (Debian's `postgresql` package) on 127.0.0.1:`port`, run as a child
 * process so that it can be stopped, killed and started again like any other part of the cluster.
 * As root it runs as the `postgres` system user, since PostgreSQL refuses to run as root.
 */
export class PostgresServer {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly options: PostgresServerOptions,
    private readonly bin: (name: string) => string,
    private readonly asUser: string[],
  ) {}

  static async start(options: PostgresServerOptions): Promise<PostgresServer> {
    const binDir = await findPostgresBinDir();
    const asUser = userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    let dataDir = path.resolve(options.dataDir);
    if (asUser.length > 0) {
      mkdirSync(path.dirname(dataDir), { recursive: true });
      const reachable = await runCommand(asUser[0]!, [...asUser.slice(1), 'test', '-x', path.dirname(dataDir)], {
        timeoutMs: 10_000,
      });
      // A folder under /root or a mkdtemp folder (0700) is closed to the postgres user: keep the data
      // in a folder of its own under the temp folder instead, named after the one asked for.
      if (reachable.code !== 0) {
        const hash = createHash('sha256').update(dataDir).digest('hex').slice(0, 12);
        dataDir = path.join(tmpdir(), `reviewflow-postgres-${hash}`, 'data');
        mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });
      }
    }
    const server = new PostgresServer({ ...options, dataDir }, (name) => path.join(binDir, name), asUser);
    await server.init();
    await server.up();
    return server;
  }

  get address(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  /** Where the data is (see start: not always the folder asked for, when running as root). */
  get dataDir(): string {
    return this.options.dataDir;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** A fast shutdown (rolls back open transactions, closes connections), then the same server again. */
  async restart(): Promise<void> {
    await this.stop();
    await this.up();
  }

  async stop(): Promise<void> {
    if (this.child === undefined) return;
    // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM would wait for every client to leave.
    await stopChildProcess(this.child, { signal: 'SIGINT', graceMs: 20_000 });
    this.child = undefined;
  }

  private async init(): Promise<void> {
    const { dataDir } = this.options;
    if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const pwFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.pw`);
    writeFileSync(pwFile, `${this.options.password}\n`, { mode: 0o600 });
    if (this.asUser.length > 0) {
      const { uid, gid } = postgresIds();
      chownSync(dataDir, uid, gid);
      chownSync(pwFile, uid, gid);
    }
    const result = await this.run('initdb', [
      '-D',
      dataDir,
      '-U',
      this.options.user,
      `--pwfile=${pwFile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=peer',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    if (result.code !== 0) throw new Error(`initdb failed: ${result.output.trim()}`);
  }

  private async up(): Promise<void> {
    const { dataDir, port } = this.options;
    const logFd = openSync(this.options.logFile, 'a');
    const args = [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${dataDir}`,
      // Six Temporal processes with their own pools, plus the schema tool.
      '-c',
      'max_connections=200',
    ];
    // Spawned as the postgres user itself rather than through runuser, so that signals reach the server.
    const ids = this.asUser.length > 0 ? postgresIds() : {};
    const child = spawn(this.bin('postgres'), args, { stdio: ['ignore', logFd, logFd], ...ids });
    closeSync(logFd);
    this.child = child;
    killOnParentExit(child);
    for (let i = 0; i < 300; i++) {
      if (hasExited(child)) throw new Error(`PostgreSQL exited while starting; see ${this.options.logFile}`);
      const ready = await runCommand(this.bin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
        timeoutMs: 5_000,
      });
      if (ready.code === 0) return;
      await sleep(100);
    }
    await this.stop();
    throw new Error(`PostgreSQL did not accept connections on ${this.address} within 30 s`);
  }

  private run(name: string, args: string[]): ReturnType<typeof runCommand> {
    const [command, ...prefix] = [...this.asUser, this.bin(name)];
    return runCommand(command!, [...prefix, ...args], { timeoutMs: 120_000 });
  }
}

async function findPostgresBinDir(): Promise<string> {
  // npm run test:cluster provisions it and says where (POSTGRES_PATH); else Debian's folders.
  const found = lookupTool('postgres');
  if (found.kind !== 'found') throw new Error(`the cluster needs PostgreSQL: ${found.message}`);
  // A link on PATH (/usr/local/bin/postgres) leads to the folder that holds initdb and pg_isready too.
  const dir = path.dirname(realpathSync(found.path));
  if (!existsSync(path.join(dir, 'initdb')))
    throw new Error(`the cluster needs PostgreSQL's initdb next to ${found.path} (Debian package postgresql)`);
  return dir;
}

function postgresIds(): { uid: number; gid: number } {
  // `id` rather than parsing /etc/passwd: it also sees users from NSS.
  const id = (flag: string): number => {
    try {
      return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    } catch {
      return Number.NaN;
    }
  };
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error('running as root, the cluster needs the postgres system user (Debian package postgresql)');
  return { uid, gid };
}
