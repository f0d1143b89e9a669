import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { hashApiKey } from '../../src/auth/hash-api-key.js';
import { startSilentTemporal, type SilentTemporal } from './support/silent-temporal.js';

const keyA = 'rate-limit-key-a-0123456789';
const keyB = 'rate-limit-key-b-0123456789';
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

// Shaped like a link, so it passes validation and gets links-off's 404 (no secret configured).
const linkShapedPath = `/approval-links/v1.e30.${'A'.repeat(43)}`;

describe('rate limit per caller', () => {
  let temporal: SilentTemporal;
  let app: FastifyInstance;

  before(async () => {
    temporal = await startSilentTemporal();
    app = await buildApp(
      {
        namespace: 'default',
        apiKeys: [
          { name: 'ci-a', sha256: hashApiKey(keyA), scopes: ['admin'] },
          { name: 'ci-b', sha256: hashApiKey(keyB), scopes: ['admin'] },
        ],
        queryTimeoutMs: 1000,
        readinessTimeoutMs: 200,
        rateLimit: { perMinute: 3 },
      },
      { temporal: temporal.client },
    );
  });
  after(async () => {
    await app?.close();
    await temporal?.stop();
  });

  // An invalid query is answered before Temporal is asked, and still counts against the limit.
  const list = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/reviews?pageSize=0', headers });

  it('answers 429 problems with Retry-After and RateLimit headers past the limit, per key', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await list(bearer(keyA));
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.headers['ratelimit-limit'], '3');
      assert.equal(res.headers['ratelimit-remaining'], String(2 - i));
    }
    const limited = await list(bearer(keyA));
    assert.equal(limited.statusCode, 429);
    assert.match(String(limited.headers['content-type']), /^application\/problem\+json/);
    assert.equal(limited.json().type, 'https://reviewflow.dev/problems/rate-limited');
    assert.equal(limited.json().status, 429);
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${String(limited.headers['retry-after'])}`);
    assert.equal(limited.headers['ratelimit-remaining'], '0');

    // Another key has a bucket of its own.
    const other = await list(bearer(keyB));
    assert.equal(other.statusCode, 400, 'key B is not limited by key A');
    assert.equal(other.headers['ratelimit-remaining'], '2');
  });

  it('keeps probes and metrics out of the limit and buckets anonymous callers by address', async () => {
    for (let i = 0; i < 5; i++) {
      assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 200);
    }
    const page = (remoteAddress: string) => app.inject({ method: 'GET', url: linkShapedPath, remoteAddress });
    for (let i = 0; i < 3; i++) assert.equal((await page('10.0.0.1')).statusCode, 404);
    const limited = await page('10.0.0.1');
    assert.equal(limited.statusCode, 429);
    assert.match(String(limited.headers['content-type']), /^application\/problem\+json/);
    assert.equal((await page('10.0.0.2')).statusCode, 404, 'another address has its own bucket');
  });

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', async () => {
    const page = (target: FastifyInstance, forwardedFor: string) =>
      target.inject({
        method: 'GET',
        url: linkShapedPath,
        remoteAddress: '10.9.9.9',
        headers: { 'x-forwarded-for': forwardedFor },
      });
    // A client cannot get a fresh bucket by making up a forwarded address.
    for (let i = 0; i < 3; i++) assert.equal((await page(app, `192.0.2.${i}`)).statusCode, 404);
    assert.equal((await page(app, '192.0.2.99')).statusCode, 429);

    const behindProxy = await buildApp(
      {
        namespace: 'default',
        apiKeys: [keyA],
        queryTimeoutMs: 1000,
        readinessTimeoutMs: 200,
        rateLimit: { perMinute: 1 },
        trustedProxies: '10.9.9.0/24',
      },
      { temporal: temporal.client },
    );
    try {
      assert.equal((await page(behindProxy, '192.0.2.1')).statusCode, 404);
      assert.equal((await page(behindProxy, '192.0.2.1')).statusCode, 429);
      assert.equal((await page(behindProxy, '192.0.2.2')).statusCode, 404, 'each client behind the proxy has a bucket');
    } finally {
      await behindProxy.close();
    }
  });

  it('never counts a request that fails authentication against the key it names', async () => {
    const wrong = await list(bearer('not-a-key-at-all-0000000000'));
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.headers['ratelimit-limit'], undefined);
  });
});
