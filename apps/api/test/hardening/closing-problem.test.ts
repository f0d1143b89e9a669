import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { HttpProblem, ProblemType } from '../../src/http-problem.js';
import { offlineApiKey, startOfflineApp } from './support/offline-app.js';

describe('requests while the server shuts down', () => {
  it('finish the one in flight, and answer the next on its connection with a 503 problem', async () => {
    let release: (() => void) | undefined;
    const offline = await startOfflineApp(
      {},
      {
        // Holds the first request in flight until the test lets it go (then a 422).
        resolveGitSource: () =>
          new Promise((_resolve, reject) => {
            release = () => reject(new HttpProblem(422, ProblemType.gitUnknownRevision, 'Unknown revision', 'x'));
          }),
      },
    );
    await offline.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = offline.app.server.address() as AddressInfo;
    try {
      // A second request on a keep-alive connection that is still busy when close() begins (an
      // idle one is simply closed): a client reusing its connection during a rolling restart.
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
      const ended = new Promise((resolve) => socket.on('close', resolve));
      const body = JSON.stringify({ source: { kind: 'git', path: '/srv/repo', base: 'HEAD~1' } });
      socket.write(
        `POST /reviews HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${offlineApiKey}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      while (!release) await new Promise((r) => setTimeout(r, 5));
      const closed = offline.app.close();
      await new Promise((r) => setTimeout(r, 20));
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      await new Promise((r) => setTimeout(r, 20));
      release();
      await ended;
      await closed;
      const answers = received.split(/(?=HTTP\/1\.1 )/);
      assert.equal(answers.length, 2, received);
      assert.match(answers[0]!, /^HTTP\/1\.1 422 /, 'the request in flight was answered');
      const late = answers[1]!;
      assert.match(late, /^HTTP\/1\.1 503 /, late);
      assert.match(late, /content-type: application\/problem\+json/i);
      assert.match(late, /retry-after: 1/i);
      assert.match(late, /connection: close/i);
      assert.match(late, /"type":"https:\/\/reviewflow\.dev\/problems\/shutting-down"/);
    } finally {
      await offline.temporal.stop();
    }
  });
});
