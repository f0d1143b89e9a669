import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort, runCommand, stopChildProcess } from '@reviewflow/devkit';

/** The last lines of every process's log, for a failure message. */
function processLogs(dir: string): string {
  const logs = path.join(dir, 'logs');
  if (!existsSync(logs)) return '(no logs)';
  return readdirSync(logs)
    .map(
      (name) =>
        `== ${name}\n${readFileSync(path.join(logs, name), 'utf8').trimEnd().split('\n').slice(-8).join('\n').slice(-3000)}`,
    )
    .join('\n');
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cliPath = process.env.TEMPORAL_CLI_PATH;

/**
 * `npm run cluster` as a user runs it: the six Temporal processes are separate, two history and two
 * matching nodes share one membership ring in PostgreSQL, the frontend refuses a client without a
 * certificate and serves one with the printed settings, no search attribute of reviewflow's is
 * registered in advance, and `npm run cluster -- --stop` stops every process it started.
 */
describe('npm run cluster', { skip: cliPath === undefined ? 'run through npm run test:cluster' : false }, () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'reviewflow-cluster-test-')), 'cluster');
  let child: ChildProcess;
  let output = '';
  let env: Record<string, string> = {};
  let pids: number[] = [];
  let postgresPort: number;

  before(async () => {
    chmodSync(path.dirname(dir), 0o711);
    const frontendPort = await freePort();
    postgresPort = await freePort();
    child = spawn(
      process.execPath,
      [
        '--conditions=reviewflow-source',
        '--import',
        'tsx',
        'scripts/cluster/run-cluster.ts',
        '--dir',
        dir,
        '--port',
        String(frontendPort),
        '--postgres-port',
        String(postgresPort),
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 180_000;
    while (!output.includes('Stop: Ctrl-C here')) {
      if (child.exitCode !== null) throw new Error(`npm run cluster exited ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm run cluster was not up within 180 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    env = Object.fromEntries([...output.matchAll(/^ {4}(TEMPORAL_[A-Z_]+)=(.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
    pids = [...output.matchAll(/\(pid (\d+)\)/g)].map((m) => Number(m[1]));
  });
  after(async () => {
    if (child !== undefined) await stopChildProcess(child, { graceMs: 30_000 });
    rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  const tlsFlags = (withCert: boolean): string[] => [
    '--address',
    env.TEMPORAL_ADDRESS!,
    '--tls-ca-path',
    env.TEMPORAL_TLS_CA_PATH!,
    '--tls-server-name',
    env.TEMPORAL_TLS_SERVER_NAME!,
    ...(withCert ? ['--tls-cert-path', env.TEMPORAL_TLS_CERT_PATH!, '--tls-key-path', env.TEMPORAL_TLS_KEY_PATH!] : []),
  ];

  it('prints the settings and the six processes, each its own', () => {
    assert.deepEqual(Object.keys(env).sort(), [
      'TEMPORAL_ADDRESS',
      'TEMPORAL_NAMESPACE',
      'TEMPORAL_TLS_CA_PATH',
      'TEMPORAL_TLS_CERT_PATH',
      'TEMPORAL_TLS_KEY_PATH',
      'TEMPORAL_TLS_SERVER_NAME',
    ]);
    assert.match(
      output,
      /processes: history-1 \(pid \d+\), history-2 \(pid \d+\), matching-1 \(pid \d+\), matching-2 \(pid \d+\), frontend \(pid \d+\), worker \(pid \d+\)/,
      `the six processes running:\n${output}\n${processLogs(dir)}`,
    );
    assert.equal(new Set(pids).size, 6, `six running processes:\n${processLogs(dir)}`);
    for (const pid of pids) {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      assert.ok(args[0]!.endsWith('temporal-server'), args.join(' '));
      assert.equal(args.filter((a) => a === '--service').length, 1, 'one service per process');
    }
    assert.ok(existsSync(path.join(dir, 'cluster.env')));
  });

  it('has two history and two matching nodes in one membership ring', async () => {
    const members = () =>
      runCommand(
        'psql',
        [
          '-h',
          '127.0.0.1',
          '-p',
          String(postgresPort),
          '-U',
          'temporal',
          '-d',
          'temporal',
          '-At',
          '-c',
          'SELECT role, count(*) FROM cluster_membership WHERE record_expiry > now() GROUP BY role ORDER BY role',
        ],
        { env: { ...process.env, PGPASSWORD: 'temporal-local-cluster' }, timeoutMs: 20_000 },
      );
    // Roles: 1 frontend, 2 history, 3 matching, 4 worker. A process writes its row once it has joined,
    // which can follow its gRPC port opening by a heartbeat.
    const expected = ['1|1', '2|2', '3|2', '4|1'];
    let rows: string[] = [];
    for (let i = 0; i < 20; i++) {
      const answer = await members();
      assert.equal(answer.code, 0, answer.output);
      rows = answer.output.trim().split('\n');
      if (JSON.stringify(rows) === JSON.stringify(expected)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.deepEqual(rows, expected);
  });

  it('requires a client certificate, and serves one signed by the printed CA', async () => {
    const without = await runCommand(cliPath!, ['operator', 'cluster', 'health', ...tlsFlags(false)], {
      timeoutMs: 20_000,
    });
    assert.notEqual(without.code, 0);
    assert.match(without.output, /certificate required|bad certificate|handshake/i);
    const withCert = await runCommand(cliPath!, ['operator', 'cluster', 'health', ...tlsFlags(true)], {
      timeoutMs: 20_000,
    });
    assert.equal(withCert.code, 0, withCert.output);
    assert.match(withCert.output, /SERVING/);
  });

  it('registers the namespace and none of the search attributes reviewflow registers', async () => {
    const list = await runCommand(
      cliPath!,
      ['operator', 'search-attribute', 'list', ...tlsFlags(true), '--namespace', env.TEMPORAL_NAMESPACE!],
      { timeoutMs: 20_000 },
    );
    assert.equal(list.code, 0, list.output);
    assert.match(list.output, /WorkflowType/);
    assert.doesNotMatch(list.output, /ReviewRepository|ReviewStatus/);
  });

  it('stops every process with --stop', async () => {
    const stop = await runCommand(
      process.execPath,
      ['--conditions=reviewflow-source', '--import', 'tsx', 'scripts/cluster/run-cluster.ts', '--stop', '--dir', dir],
      { cwd: root, timeoutMs: 90_000 },
    );
    assert.equal(stop.code, 0, stop.output);
    await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), `process ${pid} is gone`);
    assert.ok(!existsSync(path.join(dir, 'cluster.pid')));
  });
});
