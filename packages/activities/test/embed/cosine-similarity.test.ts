import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cosineSimilarity } from '../../src/embed/cosine-similarity.js';

describe('cosineSimilarity', () => {
  it('is 1 for parallel, 0 for orthogonal and -1 for opposite vectors', () => {
    assert.equal(cosineSimilarity([1, 2, 3], [2, 4, 6]), 1);
    assert.equal(cosineSimilarity([1, 0], [0, 5]), 0);
    assert.equal(cosineSimilarity([1, -1], [-1, 1]), -1);
  });

  it('is 0 against a zero vector and refuses vectors of different lengths', () => {
    assert.equal(cosineSimilarity([0, 0], [1, 1]), 0);
    assert.throws(() => cosineSimilarity([1], [1, 2]), RangeError);
  });
});
