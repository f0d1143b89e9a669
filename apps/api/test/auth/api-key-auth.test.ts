import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { freePort } from '@reviewflow/devkit';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { hashApiKey } from '../../src/auth/hash-api-key.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';

type Json = Record<string, any>;
const keys = {
  reader: 'reader-key-5f2d8a1c9b7e4f60',
  writer: 'writer-key-0c4e7b2a9d1f8e35',
  scraper: 'scraper-key-7a1b3c5d7e9f0a2b',
  dev: 'dev-key-9e8d7c6b5a4f3e2d',
};
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/**
 * A raw HTTP/1.1 exchange over a socket, so headers Node's clients would refuse still reach the
 * server, and a server that answers early and closes (413, 431) is read rather than reported as a
 * reset.
 */
function rawHttp(port: number, method: string, path: string, headers: Record<string, string>, body = '') {
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    const done = (err?: Error) => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!status) return reject(err ?? new Error(`no HTTP answer: ${text.slice(0, 200)}`));
      const [head = '', rest = ''] = text.split('\r\n\r\n', 2);
      const type = /^content-type: *(.*)$/im.exec(head)?.[1] ?? '';
      resolve({ status: Number(status[1]), type, body: rest });
    };
    socket.on('end', () => done());
    socket.on('error', (err) => done(err));
    const lines = [`${method} ${path} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    const payload = Buffer.from(body, 'utf8');
    if (method === 'POST') lines.push(`content-length: ${payload.length}`);
    socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]));
  });
}

describe('API keys with scopes against a real Temporal dev server', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let port: number;
  const logLines: string[] = [];

  before(async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
    port = await freePort();
    stack = await startTestStack({
      workers: false,
      port,
      app: {
        apiKeys: [
          { name: 'ci-reader', sha256: hashApiKey(keys.reader), scopes: ['reviews:read'] },
          { name: 'ci-writer', sha256: hashApiKey(keys.writer), scopes: ['reviews:write', 'reviews:read'] },
          { name: 'prometheus', sha256: hashApiKey(keys.scraper), scopes: ['metrics:read'] },
          keys.dev,
        ],
        operationsAuth: { health: false, metrics: true },
        queryTimeoutMs: 1000,
      },
      deps: { logger },
    });
    app = stack.app;
  });
  after(async () => {
    await stack?.stop();
  });

  const call = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => {
    const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return {
      status: res.statusCode,
      headers: res.headers,
      type: String(res.headers['content-type']),
      body: res.json() as Json,
    };
  };

  it('answers 401 without a valid key and 403 for a key without the route scope', async () => {
    const none = await call('GET', '/reviews', {});
    assert.equal(none.status, 401);
    assert.match(none.type, /^application\/problem\+json/);
    assert.equal(none.body.type, 'https://reviewflow.dev/problems/unauthorized');
    assert.match(String(none.headers['www-authenticate']), /^Bearer/);
    assert.equal((await call('GET', '/reviews', bearer('not-a-key'))).status, 401);

    // Authenticated and allowed: the handler runs and answers about the (missing) review.
    assert.equal((await call('GET', '/reviews/review:git:none', bearer(keys.reader))).status, 404);
    const refused = await call('POST', '/reviews/review:git:none/cancel', bearer(keys.reader));
    assert.equal(refused.status, 403);
    assert.match(refused.type, /^application\/problem\+json/);
    assert.equal(refused.body.type, 'https://reviewflow.dev/problems/forbidden');
    assert.equal(refused.body.requiredScope, 'reviews:write');
    const noApproval = await call('POST', '/reviews/review:git:none/approval', bearer(keys.writer), {
      decision: 'approve',
    });
    assert.equal(noApproval.status, 403, 'reviews:write does not grant approvals:write');
    assert.equal((await call('POST', '/reviews/review:git:none/cancel', bearer(keys.writer))).status, 404);
    // The bare dev key holds every scope, admin included.
    const asAdmin = await call('POST', '/reviews/review:git:none/approval', bearer(keys.dev), { decision: 'approve' });
    assert.equal(asAdmin.status, 404);
  });

  it('keeps health open and metrics behind metrics:read, as configured', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
    assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 401);
    assert.equal((await app.inject({ method: 'GET', url: '/metrics', headers: bearer(keys.reader) })).statusCode, 403);
    const scraped = await app.inject({ method: 'GET', url: '/metrics', headers: bearer(keys.scraper) });
    assert.equal(scraped.statusCode, 200);
    assert.match(scraped.body, /reviewflow_http_requests_total|http_request/);
    const spec = (await call('GET', '/openapi.json', {})).body;
    assert.deepEqual(spec.paths['/reviews/{id}/approval'].post.security, [{ bearerAuth: ['approvals:write'] }]);
    assert.deepEqual(spec.paths['/metrics'].get.security, [{ bearerAuth: ['metrics:read'] }]);
    assert.equal(spec.paths['/healthz'].get.security, undefined);
  });

  it('logs the key name and never the key', async () => {
    await call('GET', '/reviews/review:git:none', bearer(keys.reader));
    await call('GET', '/reviews', bearer(keys.writer.slice(0, -1)));
    const text = logLines.join('\n');
    assert.match(text, /"caller":"ci-reader"/);
    for (const key of Object.values(keys)) assert.ok(!text.includes(key.slice(0, 16)), 'a key reached the logs');
  });

  it('answers malformed credentials, huge tokens and wrong content types with 4xx problems over real HTTP', async () => {
    const authHeaders = [
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      `Bearer ${keys.dev} extra`,
      'Bearer \u00ff\u00fe',
      `Bearer ${'x'.repeat(8000)}`,
      `bearer${keys.dev}`,
      'Bearer ../../etc/passwd',
      `Bearer ${keys.dev}\t`.replace('\t', '%09'),
    ];
    for (const authorization of authHeaders) {
      const res = await rawHttp(port, 'GET', '/reviews', { authorization });
      assert.equal(res.status, 401, authorization.slice(0, 40));
      assert.match(res.type, /^application\/problem\+json/);
    }
    // Beyond Node's header limit the server refuses before any handler runs; still a 4xx.
    const huge = await rawHttp(port, 'GET', '/reviews', { authorization: `Bearer ${'y'.repeat(64 * 1024)}` });
    assert.ok(huge.status >= 400 && huge.status < 500, String(huge.status));

    const post = (type: string, body: string) =>
      rawHttp(port, 'POST', '/reviews', { ...bearer(keys.writer), 'content-type': type }, body);
    for (const [type, body] of [
      ['text/plain', 'hello'],
      ['application/x-www-form-urlencoded', 'source=x'],
      ['application/json', '{"source":'],
      ['application/json', '[]'],
      ['application/json', 'null'],
      ['application/json; charset=utf-16', '{}'],
      ['multipart/form-data; boundary=x', '--x--'],
      ['application/json', JSON.stringify({ source: { kind: 'git', path: '/\u0000', base: 'HEAD' } })],
      ['application/json', JSON.stringify({ source: { kind: 'git', path: '/tmp', base: '\u202e' }, x: 1 })],
    ]) {
      const res = await post(type!, body!);
      assert.ok(res.status >= 400 && res.status < 500, `${type} ${body}: ${res.status}`);
      assert.match(res.type, /^application\/problem\+json/, `${type} ${body}`);
    }
    const tooBig = await post('application/json', `{"source":"${'z'.repeat(2 * 1024 * 1024)}"}`);
    assert.equal(tooBig.status, 413);
    // Unauthenticated calls are refused before the body is even looked at.
    const anonymous = await rawHttp(port, 'POST', '/reviews', { 'content-type': 'application/json' }, '{"source":');
    assert.equal(anonymous.status, 401);
  });
});
