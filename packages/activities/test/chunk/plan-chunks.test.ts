import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Changeset, DiffHunk, DiffLine, FileChange, FileChangeStatus } from '@reviewflow/contract';
import { planChunks } from '../../src/chunk/plan-chunks.js';

/** Builds a hunk the way git would print it, from lines written as '+x', '-x' or ' x'. */
function hunk(oldStart: number, newStart: number, body: string[]): DiffHunk {
  let oldLine = oldStart;
  let newLine = newStart;
  const lines: DiffLine[] = body.map((raw) => {
    const text = raw.slice(1);
    if (raw.startsWith('+')) return { kind: 'add', text, newLine: newLine++ };
    if (raw.startsWith('-')) return { kind: 'del', text, oldLine: oldLine++ };
    return { kind: 'context', text, oldLine: oldLine++, newLine: newLine++ };
  });
  const olds = lines.filter((l) => l.kind !== 'add').length;
  const news = lines.filter((l) => l.kind !== 'del').length;
  return {
    header: `@@ -${olds ? oldStart : oldStart - 1},${olds} +${news ? newStart : newStart - 1},${news} @@ fn()`,
    lines,
  };
}

function file(path: string, hunks: DiffHunk[], status: FileChangeStatus = 'modified'): FileChange {
  const all = hunks.flatMap((h) => h.lines);
  return {
    path,
    status,
    additions: all.filter((l) => l.kind === 'add').length,
    deletions: all.filter((l) => l.kind === 'del').length,
    hunks,
  };
}

const adds = (from: number, count: number) => Array.from({ length: count }, (_, i) => `+added ${from + i}`);
const changeset = (...files: FileChange[]): Changeset => ({ base: 'b', head: 'h', files });
const addedNumbers = (hunks: DiffHunk[]) =>
  hunks.flatMap((h) => h.lines.filter((l) => l.kind === 'add').map((l) => l.newLine));

describe('planChunks', () => {
  it('packs consecutive small hunks of one file into one chunk and starts a new chunk per file', () => {
    const { chunks, coverage } = planChunks(
      changeset(
        file('a.ts', [hunk(1, 1, [' x', '+y', ' z']), hunk(50, 51, [' p', '-q', '+r'])]),
        file('b.ts', [hunk(3, 3, ['+only'])]),
      ),
    );
    assert.deepEqual(
      chunks.map((c) => [c.id, c.file, c.hunks.length]),
      [
        ['c0001', 'a.ts', 2],
        ['c0002', 'b.ts', 1],
      ],
    );
    assert.equal(chunks[0]?.hunks[0]?.header, '@@ -1,2 +1,3 @@ fn()');
    assert.deepEqual(coverage, {
      filesFull: 2,
      filesPartial: 0,
      filesSkipped: 0,
      files: [
        { file: 'a.ts', status: 'full', addedLines: 2, reviewedLines: 2 },
        { file: 'b.ts', status: 'full', addedLines: 1, reviewedLines: 1 },
      ],
      ratio: 1,
    });
  });

  it('splits a hunk bigger than maxChunkLines and keeps line numbers and headers right', () => {
    const big = hunk(10, 10, [' ctx', ...adds(1, 6), '-gone', ' ctx2', ...adds(7, 3)]);
    const { chunks, coverage } = planChunks(changeset(file('big.ts', [big])), { maxChunkLines: 3 });
    assert.deepEqual(
      chunks.map((c) => c.hunks.map((h) => h.header)),
      [['@@ -10 +10,3 @@ fn()'], ['@@ -10,0 +13,3 @@ fn()'], ['@@ -11,2 +16,2 @@ fn()'], ['@@ -12,0 +18,3 @@ fn()']],
    );
    for (const chunk of chunks) {
      assert.ok(chunk.hunks.reduce((n, h) => n + h.lines.length, 0) <= 3);
    }
    assert.deepEqual(addedNumbers(chunks.flatMap((c) => c.hunks)), [11, 12, 13, 14, 15, 16, 18, 19, 20]);
    assert.deepEqual(coverage.files[0], { file: 'big.ts', status: 'full', addedLines: 9, reviewedLines: 9 });
  });

  it('skips binary, deleted, lock and no-added-lines files with reasons', () => {
    const { chunks, coverage } = planChunks(
      changeset(
        file('logo.png', [], 'binary'),
        file('old.ts', [hunk(1, 0, ['-a', '-b'])], 'deleted'),
        file('web/package-lock.json', [hunk(1, 1, ['+{}'])]),
        file('Cargo.lock', [hunk(1, 1, ['+x'])], 'added'),
        file('trimmed.ts', [hunk(4, 4, [' a', '-b', ' c'])]),
        file('moved.ts', [], 'renamed'),
        file('kept.ts', [hunk(1, 1, ['+ok'])]),
      ),
    );
    assert.deepEqual(
      coverage.files.map((f) => [f.file, f.status, f.reason]),
      [
        ['logo.png', 'skipped', 'binary'],
        ['old.ts', 'skipped', 'deleted'],
        ['web/package-lock.json', 'skipped', 'lockfile'],
        ['Cargo.lock', 'skipped', 'lockfile'],
        ['trimmed.ts', 'skipped', 'no-added-lines'],
        ['moved.ts', 'skipped', 'no-added-lines'],
        ['kept.ts', 'full', undefined],
      ],
    );
    assert.equal(coverage.filesSkipped, 6);
    assert.equal(coverage.filesFull, 1);
    assert.equal(coverage.files[2]?.addedLines, 1);
    assert.equal(coverage.files[2]?.reviewedLines, 0);
    assert.deepEqual(
      chunks.map((c) => [c.id, c.file]),
      [['c0001', 'kept.ts']],
    );
  });

  it('reviews only the first maxFileAddedLines added lines of a too-large file', () => {
    const huge = file('gen.ts', [hunk(1, 1, [...adds(1, 3), ' mid']), hunk(20, 21, [' a', ...adds(22, 4), ' b'])]);
    const { chunks, coverage } = planChunks(changeset(huge, file('small.ts', [hunk(1, 1, ['+s'])])), {
      maxFileAddedLines: 5,
    });
    assert.deepEqual(coverage.files[0], {
      file: 'gen.ts',
      status: 'partial',
      reason: 'too-large',
      addedLines: 7,
      reviewedLines: 5,
    });
    assert.equal(coverage.filesPartial, 1);
    assert.equal(coverage.filesFull, 1);
    const genHunks = chunks.filter((c) => c.file === 'gen.ts').flatMap((c) => c.hunks);
    assert.deepEqual(addedNumbers(genHunks), [1, 2, 3, 22, 23]);
    assert.equal(genHunks[1]?.header, '@@ -20 +21,3 @@ fn()');
  });

  it('gives the same ids and chunks for the same changeset', () => {
    const input = changeset(file('a.ts', [hunk(1, 1, adds(1, 30))]), file('b.ts', [hunk(1, 1, adds(1, 5))]));
    const first = planChunks(input, { maxChunkLines: 10 });
    const second = planChunks(structuredClone(input), { maxChunkLines: 10 });
    assert.deepEqual(first, second);
    assert.deepEqual(
      first.chunks.map((c) => c.id),
      ['c0001', 'c0002', 'c0003', 'c0004'],
    );
  });

  it('rejects a chunk budget that cannot hold a line', () => {
    assert.throws(() => planChunks(changeset(), { maxChunkLines: 0 }), RangeError);
  });
});
