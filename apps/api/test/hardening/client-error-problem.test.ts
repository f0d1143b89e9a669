import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startOfflineApp, type OfflineApp } from './support/offline-app.js';

/** Sends raw bytes to the listening app and returns everything it answers until it closes. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write(bytes, 'latin1');
  });
}

describe('requests that are not HTTP get problem documents', () => {
  let offline: OfflineApp;
  let port: number;
  before(async () => {
    offline = await startOfflineApp({ requestTimeoutMs: 5000 });
    await offline.app.listen({ host: '127.0.0.1', port: 0 });
    port = (offline.app.server.address() as { port: number }).port;
  });
  after(async () => offline?.stop());

  const problemOf = (answer: string) => {
    const [head, body] = answer.split('\r\n\r\n');
    assert.match(head ?? '', /\r\ncontent-type: application\/problem\+json(\r\n|$)/i, answer);
    return { statusLine: head?.split('\r\n')[0], problem: JSON.parse(body ?? '') as Record<string, unknown> };
  };

  it('answers a malformed request line with a 400 problem', async () => {
    const { statusLine, problem } = problemOf(await raw(port, 'GET /healthz HTTP/9\x00\r\n\r\n'));
    assert.equal(statusLine, 'HTTP/1.1 400 Bad Request');
    assert.equal(problem.status, 400);
    assert.equal(problem.type, 'https://reviewflow.dev/problems/validation');
  });

  it('answers headers past the size limit with a 431 problem', async () => {
    const { statusLine, problem } = problemOf(
      await raw(port, `GET /healthz HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`),
    );
    assert.equal(statusLine, 'HTTP/1.1 431 Request Header Fields Too Large');
    assert.equal(problem.status, 431);
  });

  it('still serves well-formed requests on the same server', async () => {
    const answer = await raw(port, 'GET /healthz HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 200 OK/);
    assert.match(answer, /\{"status":"ok"\}/);
  });
});
