import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { unwrapListPageToken, wrapListPageToken } from '../../src/reviews/list-page-token.js';

describe('list page tokens', () => {
  it('give back the Temporal token they wrap, for the filters they were issued for only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.option(fc.string()), (raw, repository) => {
        const scope = { status: 'running', repository: repository ?? undefined };
        const token = wrapListPageToken(scope, raw);
        assert.match(token, /^[A-Za-z0-9_-]+$/);
        assert.deepEqual(unwrapListPageToken(scope, token), Buffer.from(raw));
        assert.equal(unwrapListPageToken({ ...scope, status: 'completed' }, token), undefined);
      }),
    );
  });

  it('refuse any other string', () => {
    const token = wrapListPageToken({}, Buffer.from('{"RunID":"x"}'));
    for (const bad of ['', 'notatoken', token.slice(1), token.slice(0, -1), `${token}A`, `${token}=`, `-${token}`]) {
      assert.equal(unwrapListPageToken({}, bad), undefined, bad);
    }
    fc.assert(fc.property(fc.string(), (s) => s === token || unwrapListPageToken({}, s) === undefined));
  });
});
