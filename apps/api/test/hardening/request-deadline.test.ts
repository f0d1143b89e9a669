import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOfflineApp, type OfflineApp } from './support/offline-app.js';

describe('request deadline', () => {
  let offline: OfflineApp;
  let resolveHung: (() => void) | undefined;
  before(async () => {
    offline = await startOfflineApp(
      { requestTimeoutMs: 500 },
      {
        // A dependency that hangs (as a git on a dead network mount would) until the test lets it go.
        resolveGitSource: () =>
          new Promise((_resolve, reject) => {
            resolveHung = () => reject(new Error('released'));
          }),
      },
    );
  });
  after(async () => offline?.stop());

  it('answers a request that hangs with a 503 problem and Retry-After at the deadline', async () => {
    const started = Date.now();
    const res = await offline.postReview();
    const took = Date.now() - started;
    assert.equal(res.statusCode, 503, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.equal(res.json().type, 'https://reviewflow.dev/problems/deadline-exceeded');
    assert.equal(res.headers['retry-after'], '5');
    assert.ok(took >= 450 && took < 5000, `answered after ${took} ms`);
    // The handler's late failure must not disturb anything: the next request is served normally.
    resolveHung?.();
    const health = await offline.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.statusCode, 200);
  });

  it('leaves fast requests alone', async () => {
    const res = await offline.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });
});
