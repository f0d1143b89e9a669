import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { reviewArtifactKey } from '../../src/store/review-artifact-key.js';

describe('reviewArtifactKey', () => {
  it('hashes an arbitrary review id into a safe, deterministic key', () => {
    const reviewId = 'review:git:/tmp/x y/../z@abc..def';
    const key = reviewArtifactKey(reviewId, 'changeset');
    const digest = createHash('sha256').update(reviewId).digest('hex').slice(0, 32);
    assert.equal(key, `reviews/${digest}/changeset`);
    assert.match(key, /^reviews\/[0-9a-f]{32}\/changeset$/);
    assert.equal(reviewArtifactKey(reviewId, 'changeset'), key);
    assert.notEqual(reviewArtifactKey(`${reviewId}x`, 'changeset'), key);
  });

  it('accepts names such as chunk ids and rejects names that are not one safe segment', () => {
    assert.match(reviewArtifactKey('r', 'chunk-c0001.json'), /\/chunk-c0001\.json$/);
    for (const name of ['', '.', '..', 'a/b', 'a b', '../x']) {
      assert.throws(() => reviewArtifactKey('r', name), /artifact name/, `name ${JSON.stringify(name)} was accepted`);
    }
  });
});
