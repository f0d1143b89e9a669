import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOfflineApp, type OfflineApp } from './support/offline-app.js';

const secret = 'ghp_S3cretT0kenValue0123456789';

function failure(message: string, fields: Record<string, unknown> = {}): Error {
  const err = Object.assign(new Error(message), fields);
  err.stack = `Error: ${message}\n    at resolve (/srv/reviewflow/internal/resolver.ts:12:3)`;
  return err;
}

describe('the error handler never leaks internals', () => {
  let offline: OfflineApp;
  let next: Error = new Error('unset');
  before(async () => {
    offline = await startOfflineApp({}, { resolveGitSource: async () => Promise.reject(next) });
  });
  after(async () => offline?.stop());

  const start = async (err: Error) => {
    next = err;
    const res = await offline.postReview();
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    for (const leak of [secret, '/srv/reviewflow/internal', 'resolver.ts', '10.1.2.3']) {
      assert.ok(!res.body.includes(leak), `the answer shows ${leak}: ${res.body}`);
    }
    return { status: res.statusCode, problem: res.json() as Record<string, unknown> };
  };

  it('answers an unexpected error with a generic 500 problem that names only the request id', async () => {
    const { status, problem } = await start(failure(`git failed: token=${secret}`));
    assert.equal(status, 500);
    assert.equal(problem.type, 'https://reviewflow.dev/problems/internal');
    assert.match(String(problem.detail), new RegExp(`request id ${String(problem.requestId)}`));
  });

  it('answers a connection failure with a 503 problem without its address or message', async () => {
    const { status, problem } = await start(failure(`connect ECONNREFUSED 10.1.2.3:7233 (${secret})`));
    assert.equal(status, 503);
    assert.equal(problem.type, 'https://reviewflow.dev/problems/temporal-unavailable');
  });

  it('does not echo the message of a dependency error that carries a 4xx status code', async () => {
    const { status, problem } = await start(failure(`Bad credentials ${secret}`, { statusCode: 401 }));
    assert.ok(status >= 400 && status < 500, String(status));
    assert.equal(typeof problem.type, 'string');
  });
});
