import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { findTemporalCli, isPortFree, reviewSearchAttributes, runCommand, startDevServer } from '@reviewflow/devkit';

// Every case here runs the real `temporal server start-dev`; none mocks it.
let cli: string | undefined;

before(async () => {
  const found = await findTemporalCli({ log: (message) => console.error(`# ${message}`) });
  if (found.kind === 'existing-path') cli = found.path;
});

function requireCli(t: { skip(message: string): void }): string | undefined {
  if (cli === undefined) t.skip('no Temporal CLI here (findTemporalCli fell back to sdk-download)');
  return cli;
}

test('startDevServer serves a healthy frontend with the review search attributes, and stop() frees the port', async (t) => {
  const bin = requireCli(t);
  if (bin === undefined) return;
  const server = await startDevServer({ cli: bin });
  t.after(() => server.stop());

  assert.equal(server.address, `127.0.0.1:${server.port}`);
  assert.equal(server.uiPort, undefined, 'headless unless a UI port is asked for');

  const health = await runCommand(bin, ['operator', 'cluster', 'health', '--address', server.address]);
  assert.equal(health.code, 0, health.output);
  assert.match(health.output, /SERVING/);

  const list = await runCommand(bin, [
    'operator',
    'search-attribute',
    'list',
    '--address',
    server.address,
    '--output',
    'json',
  ]);
  assert.equal(list.code, 0, list.output);
  const custom = (JSON.parse(list.output) as { customAttributes: Record<string, string> }).customAttributes;
  for (const [name, type] of Object.entries(reviewSearchAttributes)) {
    assert.equal(custom[name], `INDEXED_VALUE_TYPE_${type.toUpperCase()}`, `search attribute ${name}`);
  }

  await server.stop();
  assert.equal(await isPortFree(server.port), true, 'the frontend port is released after stop()');
  await server.stop(); // a second stop is harmless
  const exit = await server.exited;
  assert.equal(exit.code === 0 || exit.signal === 'SIGTERM', true, `exited politely: ${JSON.stringify(exit)}`);
});

test('a db file keeps workflows across a restart', async (t) => {
  const bin = requireCli(t);
  if (bin === undefined) return;
  const dir = await mkdtemp(path.join(tmpdir(), 'devkit-db-'));
  const running: { second?: Awaited<ReturnType<typeof startDevServer>> } = {};
  // One hook, in this order: the folder can only go once no server writes into it, and a failed
  // removal must not keep the server running (the file would then hang to its timeout).
  t.after(async () => {
    try {
      await running.second?.stop();
    } finally {
      await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    }
  });
  const dbFile = path.join(dir, 'nested', 'temporal.db');

  const first = await startDevServer({ cli: bin, dbFile });
  try {
    const started = await runCommand(bin, [
      'workflow',
      'start',
      '--address',
      first.address,
      '--type',
      'Anything',
      '--task-queue',
      'nobody-polls',
      '--workflow-id',
      'survives-restart',
    ]);
    assert.equal(started.code, 0, started.output);
  } finally {
    await first.stop();
  }

  const second = await startDevServer({ cli: bin, dbFile, port: first.port });
  running.second = second;
  const described = await runCommand(bin, [
    'workflow',
    'describe',
    '--address',
    second.address,
    '--workflow-id',
    'survives-restart',
  ]);
  assert.equal(described.code, 0, described.output);
});

test('startDevServer rejects with the server output when its port is taken', async (t) => {
  const bin = requireCli(t);
  if (bin === undefined) return;
  // Health probes may connect to the blocker; close() waits for their sockets, so destroy them.
  const sockets = new Set<Socket>();
  const blocker = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => blocker.listen({ port: 0, host: '127.0.0.1' }, resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => blocker.close(() => resolve()));
  });
  const port = (blocker.address() as { port: number }).port;

  await assert.rejects(startDevServer({ cli: bin, port, readyTimeoutMs: 30_000 }), (err: Error) => {
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.match(err.message, /last output/);
    return true;
  });
});

test('startDevServer tries fresh ports when a server on a port it chose dies while starting', async (t) => {
  const bin = requireCli(t);
  if (bin === undefined) return;
  const dir = await mkdtemp(path.join(tmpdir(), 'devkit-retry-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // The real CLI behind a wrapper whose first server start dies the way a lost port race does.
  const wrapper = path.join(dir, 'temporal');
  await writeFile(
    wrapper,
    [
      '#!/bin/sh',
      `if [ "$1 $2" = "server start-dev" ] && [ ! -e "${dir}/died" ]; then`,
      `  touch "${dir}/died"`,
      '  echo "panic: listen tcp 127.0.0.1:1: bind: address already in use" >&2',
      '  echo "goroutine 1 [running]:" >&2',
      '  exit 2',
      'fi',
      `exec "${bin}" "$@"`,
      '',
    ].join('\n'),
  );
  await chmod(wrapper, 0o755);
  const logs: string[] = [];

  const server = await startDevServer({ cli: wrapper, onLog: (line) => logs.push(line) });
  t.after(() => server.stop());

  const health = await runCommand(bin, ['operator', 'cluster', 'health', '--address', server.address]);
  assert.match(health.output, /SERVING/);
  assert.ok(
    logs.some((line) => /attempt 1\b.*retrying/.test(line)),
    logs.join('\n'),
  );
});
