import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planChunkBatches } from '../src/workflows/plan-chunk-batches.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Lanes that take the next batch when free, every chunk taking one unit: when the last lane ends. */
function makespan(sizes: number[], parallel: number): number {
  const lanes = new Array<number>(Math.min(parallel, sizes.length)).fill(0);
  for (const size of sizes) {
    const free = lanes.indexOf(Math.min(...lanes));
    lanes[free]! += size;
  }
  return Math.max(0, ...lanes);
}

describe('planChunkBatches', () => {
  it('splits the bench fan-out (24 chunks, at most 4 per activity) into equal rounds per lane', () => {
    const sizes = (k: number) => planChunkBatches(range(24), k, 4).map((b) => b.length);
    assert.deepEqual(sizes(1), [4, 4, 4, 4, 4, 4]);
    assert.deepEqual(sizes(2), [4, 4, 4, 4, 4, 4]);
    assert.deepEqual(sizes(4), [3, 3, 3, 3, 3, 3, 3, 3]);
    assert.deepEqual(sizes(8), [3, 3, 3, 3, 3, 3, 3, 3]);
  });

  it('keeps every chunk once, in order, in batches of at most the limit that differ by at most one', () => {
    for (let n = 0; n <= 60; n++) {
      for (const parallel of [1, 2, 3, 4, 5, 8, 13, 32]) {
        for (const max of [1, 2, 4, 7]) {
          const batches = planChunkBatches(range(n), parallel, max);
          const label = `n=${n} K=${parallel} max=${max}`;
          assert.deepEqual(batches.flat(), range(n), label);
          const sizes = batches.map((b) => b.length);
          assert.ok(
            sizes.every((s) => s >= 1 && s <= max),
            `${label}: sizes ${sizes.join(',')}`,
          );
          assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `${label}: sizes ${sizes.join(',')}`);
          assert.deepEqual(
            sizes,
            [...sizes].sort((a, b) => b - a),
            `${label}: larger batches first`,
          );
          // Enough batches for every lane: never fewer than K chunks in flight while work remains.
          assert.ok(batches.length >= Math.min(n, parallel), `${label}: ${batches.length} batches`);
          // With equal chunk durations the lanes finish together, as one activity per chunk would.
          assert.equal(makespan(sizes, parallel), Math.ceil(n / parallel), `${label}: makespan`);
        }
      }
    }
  });

  it('gives one chunk per batch when the limit is one, as a review with a token budget needs', () => {
    assert.deepEqual(planChunkBatches(['a', 'b', 'c'], 2, 1), [['a'], ['b'], ['c']]);
  });
});
