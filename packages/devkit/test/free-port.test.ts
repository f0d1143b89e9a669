import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { freePort } from '@reviewflow/devkit';

test('freePort returns a port that can be bound on 127.0.0.1', async () => {
  const port = await freePort();
  assert.ok(Number.isInteger(port) && port > 0 && port < 65536, `unexpected port ${port}`);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1', exclusive: true }, resolve);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('freePort does not hand out a port that is being listened on', async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
  const taken = (server.address() as { port: number }).port;
  try {
    for (let i = 0; i < 20; i += 1) assert.notEqual(await freePort(), taken);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
