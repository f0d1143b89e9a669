import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Chunk } from '@reviewflow/contract';
import { summarizeChunk } from '../../src/chunk/summarize-chunk.js';

describe('summarizeChunk', () => {
  it('spans the first to the last head-revision line and counts added lines', () => {
    const chunk: Chunk = {
      id: 'c0007',
      file: 'src/a.ts',
      hunks: [
        {
          header: '@@ -3,2 +3,2 @@',
          lines: [
            { kind: 'del', text: 'old', oldLine: 3 },
            { kind: 'context', text: 'keep', oldLine: 4, newLine: 3 },
            { kind: 'add', text: 'new', newLine: 4 },
          ],
        },
        {
          header: '@@ -40 +40,2 @@',
          lines: [
            { kind: 'add', text: 'x', newLine: 40 },
            { kind: 'context', text: 'y', oldLine: 40, newLine: 41 },
            { kind: 'del', text: 'z', oldLine: 41 },
          ],
        },
      ],
    };
    assert.deepEqual(summarizeChunk(chunk, 'file:reviews/abc/chunks/c0007'), {
      id: 'c0007',
      file: 'src/a.ts',
      startLine: 3,
      endLine: 41,
      addedLines: 2,
      ref: 'file:reviews/abc/chunks/c0007',
    });
  });

  it('refuses a chunk without head-revision lines', () => {
    const chunk: Chunk = {
      id: 'c0001',
      file: 'a',
      hunks: [{ header: '@@ -1 +0,0 @@', lines: [{ kind: 'del', text: 'a', oldLine: 1 }] }],
    };
    assert.throws(() => summarizeChunk(chunk, 'file:x'), /no head-revision lines/);
  });
});
