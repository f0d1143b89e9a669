import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { offlineApiKey, startOfflineApp, type OfflineApp } from './support/offline-app.js';

const auth = { authorization: `Bearer ${offlineApiKey}` };

describe('body limits per route', () => {
  let offline: OfflineApp;
  before(async () => {
    offline = await startOfflineApp();
  });
  after(async () => offline?.stop());

  // [route, limit, content type, whether a body at the limit is refused by validation (the others
  // reach Temporal, which never answers here)]: one byte past the limit is a 413.
  const routes: [string, number, string, boolean?][] = [
    ['/reviews', 256 * 1024, 'application/json', true],
    ['/reviews/some-review/approval', 16 * 1024, 'application/json', true],
    ['/reviews/some-review/cancel', 1024, 'application/json'],
    ['/orgs/acme/reviews', 4 * 1024 * 1024, 'application/json', true],
    ['/webhooks/github', 5 * 1024 * 1024, 'application/json', true],
    ['/approval-links/some-token', 16 * 1024, 'application/x-www-form-urlencoded', true],
  ];

  for (const [url, limit, type, checkAtLimit] of routes) {
    it(`POST ${url}: 413 problem past ${limit} bytes`, async () => {
      const post = (size: number) =>
        offline.app.inject({
          method: 'POST',
          url,
          headers: { ...auth, 'content-type': type },
          // Not valid input either way: at the limit it must fail for what it says, not for its size.
          payload: type === 'application/json' ? `{"x":"${'a'.repeat(size - 8)}"}` : `x=${'a'.repeat(size - 2)}`,
        });
      const over = await post(limit + 1);
      assert.equal(over.statusCode, 413, over.body.slice(0, 300));
      assert.match(String(over.headers['content-type']), /^application\/problem\+json/);
      assert.equal(over.json().type, 'https://reviewflow.dev/problems/payload-too-large');
      if (!checkAtLimit) return;
      const at = await post(limit);
      assert.notEqual(at.statusCode, 413, at.body.slice(0, 300));
      assert.ok(at.statusCode >= 400, `${at.statusCode} ${at.body.slice(0, 300)}`);
      assert.match(String(at.headers['content-type']), /^application\/problem\+json/);
    });
  }

  it('refuses a declared Content-Length past the limit before reading the body', async () => {
    const res = await offline.app.inject({
      method: 'POST',
      url: '/reviews/some-review/approval',
      headers: { ...auth, 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
      payload: '{}',
    });
    assert.equal(res.statusCode, 413);
  });
});
