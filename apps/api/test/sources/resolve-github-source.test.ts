import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freePort, startFakeGitHub } from '@reviewflow/devkit';
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../../src/app.js';
import { createGitHubSourceResolver } from '../../src/sources/resolve-github-source.js';
import { testApiKey } from '../support/test-stack.js';

const source = { kind: 'github', owner: 'acme', repo: 'api', pullNumber: 7 } as const;

describe('GitHub sources the API cannot resolve', () => {
  it('answer 503 with Retry-After, saying GitHub did not answer rather than that it said 500', async () => {
    // Nothing listens there: no answer comes (Octokit reports that as status 500).
    const baseUrl = `http://127.0.0.1:${await freePort()}`;
    // Resolution fails before any Temporal call: the lazy connection is never used.
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const app = await buildApp(
      { namespace: 'default', apiKeys: [testApiKey], queryTimeoutMs: 1000, readinessTimeoutMs: 1000 },
      { temporal: new Client({ connection }), resolveGitHubSource: createGitHubSourceResolver({ baseUrl }) },
    );
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/reviews',
        headers: { authorization: `Bearer ${testApiKey}` },
        payload: { source },
      });
      assert.equal(res.statusCode, 503, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.match(String(res.headers['retry-after']), /^\d+$/);
      const detail = String(res.json().detail);
      assert.match(detail, /GitHub did not answer/);
      assert.doesNotMatch(detail, /500/);
    } finally {
      await app.close();
      await connection.close();
    }
  });

  it('name the status GitHub answered when it did', async () => {
    const github = await startFakeGitHub();
    try {
      github.failNext('GET', /\/pulls\/7$/, { status: 502, body: { message: 'Bad gateway' } });
      const resolve = createGitHubSourceResolver({ baseUrl: github.baseUrl });
      await assert.rejects(resolve(source), (err: Error & { status?: number; detail?: string }) => {
        assert.equal(err.status, 503);
        assert.match(String(err.detail), /GitHub answered 502/);
        return true;
      });
    } finally {
      await github.close();
    }
  });

  it('are declared: POST /reviews documents its 503 and the Retry-After header', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const app = await buildApp(
      { namespace: 'default', apiKeys: [testApiKey], queryTimeoutMs: 1000, readinessTimeoutMs: 1000 },
      { temporal: new Client({ connection }) },
    );
    try {
      await app.ready();
      const document = app.swagger() as unknown as {
        paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>>;
      };
      const unavailable = document.paths['/reviews']?.post?.responses['503'];
      assert.ok(unavailable, 'POST /reviews declares 503');
      assert.ok(unavailable.headers?.['retry-after'], '...with Retry-After');
    } finally {
      await app.close();
      await connection.close();
    }
  });
});
