import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { offlineApiKey, startOfflineApp, type OfflineApp } from './support/offline-app.js';

const auth = { authorization: `Bearer ${offlineApiKey}` };

describe('load shedding', () => {
  let overloaded: OfflineApp;
  let relaxed: OfflineApp;
  before(async () => {
    const settings = { maxEventLoopDelayMs: 0, maxRssBytes: 0, retryAfterSeconds: 7, sampleIntervalMs: 20 };
    // Any heap is past one byte: this process is "overloaded" from the first sample on.
    overloaded = await startOfflineApp({ loadShedding: { ...settings, maxHeapUsedBytes: 1 } });
    relaxed = await startOfflineApp({ loadShedding: { ...settings, maxHeapUsedBytes: 1024 ** 4 } });
    await sleep(100);
  });
  after(async () => {
    await overloaded?.stop();
    await relaxed?.stop();
  });

  it('answers 503 problems with Retry-After while overloaded, /readyz included', async () => {
    for (const [method, url] of [
      ['GET', '/reviews?pageSize=0'],
      ['POST', '/reviews'],
      ['GET', '/readyz'],
      ['GET', '/approval-links/x'],
    ] as const) {
      const res = await overloaded.app.inject({ method, url, headers: auth });
      assert.equal(res.statusCode, 503, `${method} ${url}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.json().type, 'https://reviewflow.dev/problems/overloaded');
      assert.equal(res.headers['retry-after'], '7');
    }
  });

  it('keeps /healthz and /metrics up while overloaded', async () => {
    assert.equal((await overloaded.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    assert.equal((await overloaded.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 200);
  });

  it('sheds nothing below the thresholds', async () => {
    const res = await relaxed.app.inject({ method: 'GET', url: '/reviews?pageSize=0', headers: auth });
    assert.equal(res.statusCode, 400, 'validated as usual');
  });
});
