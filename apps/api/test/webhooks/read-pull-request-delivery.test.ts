import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpProblem, ProblemType } from '../../src/http-problem.js';
import { readPullRequestDelivery } from '../../src/webhooks/read-pull-request-delivery.js';

const head = 'b'.repeat(40);
const delivery = {
  action: 'synchronize',
  number: 2,
  before: 'a'.repeat(40),
  after: head,
  pull_request: { number: 2, draft: false, head: { sha: head, ref: 'feature' } },
  repository: { name: 'api', full_name: 'acme/api', owner: { login: 'acme' } },
};
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('readPullRequestDelivery', () => {
  it('reads the fields the route uses, from JSON or a form payload field', () => {
    const expected = {
      action: 'synchronize',
      before: 'a'.repeat(40),
      pull_request: { number: 2, draft: false, head: { sha: head } },
      repository: { name: 'api', owner: { login: 'acme' } },
    };
    assert.deepEqual(readPullRequestDelivery(json(delivery), 'application/json'), expected);
    const form = Buffer.from(`payload=${encodeURIComponent(JSON.stringify(delivery))}`);
    assert.deepEqual(readPullRequestDelivery(form, 'application/x-www-form-urlencoded'), expected);
  });

  it('passes on actions it does not know and drops a before that is no commit', () => {
    const read = readPullRequestDelivery(json({ ...delivery, action: 'some_new_action', before: 'main' }), '');
    assert.equal(read.action, 'some_new_action');
    assert.equal(read.before, undefined);
    assert.equal(readPullRequestDelivery(json({ ...delivery, action: 7 }), '').action, '7');
  });

  it('answers a 400 validation problem for anything but a pull_request payload', () => {
    const bodies = [
      Buffer.from('not json'),
      Buffer.from('null'),
      Buffer.from('"text"'),
      json([]),
      json({ ...delivery, repository: 'acme/api' }),
      json({ ...delivery, repository: { name: '..', owner: { login: 'acme' } } }),
      json({ ...delivery, repository: { name: 'api', owner: { login: '-acme' } } }),
      json({ ...delivery, pull_request: { ...delivery.pull_request, number: 0 } }),
      json({ ...delivery, pull_request: { ...delivery.pull_request, number: 2.5 } }),
      json({ ...delivery, pull_request: { ...delivery.pull_request, head: { sha: 'HEAD' } } }),
      json({ ...delivery, pull_request: null }),
    ];
    for (const body of bodies) {
      assert.throws(
        () => readPullRequestDelivery(body, 'application/json'),
        (err: unknown) => err instanceof HttpProblem && err.status === 400 && err.type === ProblemType.validation,
        body.toString(),
      );
    }
  });
});
