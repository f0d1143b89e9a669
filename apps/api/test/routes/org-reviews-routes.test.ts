import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGitRepo } from '@reviewflow/devkit';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';

const auth = { authorization: `Bearer ${testApiKey}` };
type Json = Record<string, any>;

describe('organisation run routes against a real Temporal dev server', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(async () => {
    await stack?.stop();
  });

  it('starts one run for the same list, reviews every repository and reports the failures', async () => {
    const repositories = [
      ...Array.from({ length: 3 }, (_, i) => ({
        kind: 'git',
        path: createGitRepo([{ 'a.txt': 'a\n' }, { 'src/x.js': `console.log(${i});\n` }]),
        base: 'HEAD~1',
      })),
      { kind: 'git', path: '/nonexistent/repository', base: 'HEAD~1' },
    ];
    const post = () =>
      stack.app.inject({
        method: 'POST',
        url: '/orgs/acme/reviews',
        headers: auth,
        payload: { tier: 'starter', repositories },
      });
    const first = await post();
    assert.equal(first.statusCode, 202, first.body);
    const id = (first.json() as Json).id as string;
    assert.match(id, /^org:acme:starter:/);
    const again = await post();
    assert.equal(again.statusCode, 200);
    assert.equal((again.json() as Json).id, id);

    let view: Json = {};
    for (let i = 0; i < 150 && view.status !== 'completed'; i++) {
      view = (await stack.app.inject({ method: 'GET', url: `/orgs/acme/reviews/${id}`, headers: auth })).json();
      await sleep(200);
    }
    assert.equal(view.status, 'completed', JSON.stringify(view));
    assert.deepEqual(
      { total: view.total, completed: view.completed, failed: view.failed },
      { total: 4, completed: 3, failed: 1 },
    );
    assert.equal(view.alerted, false, '1 of 4 is not more than a quarter');
    assert.equal(view.failures[0].repository, '/nonexistent/repository');

    // Each repository's review is an ordinary review with its findings.
    const child = (
      await stack.app.inject({ method: 'GET', url: `/reviews/${id}:r00000`, headers: auth })
    ).json() as Json;
    assert.equal(child.status, 'completed');
    assert.ok(child.findings.some((f: Json) => f.rule === 'debug/console-log'));
  });

  it('rejects bad bodies and unknown runs with problems', async () => {
    const bad = await stack.app.inject({
      method: 'POST',
      url: '/orgs/acme/reviews',
      headers: auth,
      payload: { tier: 'gold', repositories: [] },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
    const missing = await stack.app.inject({
      method: 'GET',
      url: '/orgs/acme/reviews/org:acme:starter:1-00000000',
      headers: auth,
    });
    assert.equal(missing.statusCode, 404);
    const otherOrg = await stack.app.inject({ method: 'POST', url: '/orgs/-bad/reviews', headers: auth, payload: {} });
    assert.equal(otherOrg.statusCode, 400);
  });
});
