import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOfflineApp, type OfflineApp } from './support/offline-app.js';

describe('security headers', () => {
  let offline: OfflineApp;
  before(async () => {
    offline = await startOfflineApp();
  });
  after(async () => offline?.stop());

  const get = (url: string) => offline.app.inject({ method: 'GET', url });

  it('serves Swagger UI under a CSP that forbids inline scripts, framing and referrers', async () => {
    const page = await get('/docs/');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp.split(';').find((d) => d.includes('script-src')) ?? '', /unsafe/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.equal(page.headers['referrer-policy'], 'no-referrer');

    // Swagger UI still loads under that policy: the page has no inline script, and every script
    // and style it names is served from this origin.
    const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [, attributes, inline] of scripts) {
      assert.equal(inline?.trim(), '', 'no inline script');
      const src = /src="([^"]+)"/.exec(attributes ?? '')?.[1];
      assert.ok(src && !/^(https?:)?\/\//.test(src), `script from this origin: ${String(src)}`);
      const asset = await get(new URL(src, 'http://api.test/docs/').pathname);
      assert.equal(asset.statusCode, 200, src);
      assert.match(String(asset.headers['content-type']), /javascript/);
    }
    for (const [, href] of page.body.matchAll(/<link[^>]*href="([^"]+)"/g)) {
      assert.equal((await get(new URL(href!, 'http://api.test/docs/').pathname)).statusCode, 200, href);
    }
    const initializer = await get('/docs/static/swagger-initializer.js');
    const specUrl = /url: "([^"]+)"/.exec(initializer.body)?.[1] ?? '/docs/json';
    const spec = await get(new URL(specUrl, 'http://api.test/docs/').pathname);
    assert.equal(spec.statusCode, 200);
    assert.equal((spec.json() as { openapi: string }).openapi, '3.1.0');
  });

  it('sends nosniff, no-referrer and DENY with every answer, problems included', async () => {
    for (const url of ['/healthz', '/no-such-route', '/approval-links/forged-token', '/openapi.json']) {
      const res = await get(url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
    }
  });

  it('leaves HSTS to the ingress, which knows whether the API is served over HTTPS', async () => {
    for (const url of ['/healthz', '/docs/', '/no-such-route']) {
      assert.equal((await get(url)).headers['strict-transport-security'], undefined, url);
    }
  });
});
