import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { testApiKey } from '../support/test-stack.js';

// No Temporal call is made: the client's connection is lazy and the assets never touch it.
describe('the pages’ stylesheet and script', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await buildApp(
      { namespace: 'default', apiKeys: [testApiKey], queryTimeoutMs: 1000, readinessTimeoutMs: 1000 },
      { temporal: new Client() },
    );
  });
  after(async () => app?.close());

  it('are served without a key, with their media types, nosniff and a bounded cache', async () => {
    for (const [url, type] of [
      ['/assets/reviewflow.css', /^text\/css; charset=utf-8$/],
      ['/assets/review-page.js', /^text\/javascript; charset=utf-8$/],
    ] as const) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), type);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['cache-control'], 'public, max-age=3600');
      assert.ok(res.body.length > 100 && res.body.length < 16 * 1024, `${url}: small (${res.body.length} bytes)`);
    }
  });

  it('stay out of the OpenAPI document, and the review page needs the key like its JSON', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    assert.ok(!Object.keys(doc.paths).some((p) => p.startsWith('/assets')));
    assert.ok('/reviews/{id}/page' in doc.paths);
    const res = await app.inject({ method: 'GET', url: '/reviews/x/page' });
    assert.equal(res.statusCode, 401);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  });
});
