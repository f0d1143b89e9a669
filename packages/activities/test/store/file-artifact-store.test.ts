import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ArtifactNotFoundError } from '../../src/store/artifact-store.js';
import { FileArtifactStore } from '../../src/store/file-artifact-store.js';

describe('FileArtifactStore', () => {
  let root: string;
  let store: FileArtifactStore;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'reviewflow-store-'));
    store = new FileArtifactStore(root);
  });

  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('round-trips a value and creates directories as needed', async () => {
    const value = { files: [{ path: 'a b.ts', lines: [1, 2, 3] }], note: 'é' };
    const put = await store.put('reviews/abc/changeset', value);
    assert.deepEqual(put, { ref: 'file:reviews/abc/changeset', created: true });
    assert.deepEqual(await store.get(put.ref), value);
    assert.equal(await store.has(put.ref), true);
    assert.deepEqual(JSON.parse(await readFile(join(root, 'reviews', 'abc', 'changeset'), 'utf8')), value);
  });

  it('never overwrites: a second put reports created:false and keeps the first value', async () => {
    await store.put('reviews/abc/once', { v: 1 });
    const second = await store.put('reviews/abc/once', { v: 2 });
    assert.deepEqual(second, { ref: 'file:reviews/abc/once', created: false });
    assert.deepEqual(await store.get(second.ref), { v: 1 });
  });

  it('lets exactly one of many concurrent puts of a key create it, and leaves no temp files', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.put('race/key', { writer: i })));
    const winners = results.flatMap((r, i) => (r.created ? [i] : []));
    assert.equal(winners.length, 1);
    assert.deepEqual(await store.get('file:race/key'), { writer: winners[0] });
    assert.deepEqual(await readdir(join(root, 'race')), ['key']);
  });

  it('throws ArtifactNotFoundError for a missing artifact and has() says false', async () => {
    await assert.rejects(store.get('file:reviews/nope/x'), (error: unknown) => {
      return error instanceof ArtifactNotFoundError && error.ref === 'file:reviews/nope/x';
    });
    assert.equal(await store.has('file:reviews/nope/x'), false);
  });

  it('rejects unsafe keys and foreign references', async () => {
    for (const key of [
      '',
      '/etc/passwd',
      '../escape',
      'a/../../b',
      'a//b',
      'a/./b',
      'a/',
      'sp ace',
      'back\\slash',
      'q?x',
    ]) {
      await assert.rejects(store.put(key, 1), /artifact key/, `key ${JSON.stringify(key)} was accepted`);
    }
    await assert.rejects(store.get('file:../x'), /artifact key/);
    await assert.rejects(store.get('s3:bucket/x'), /not a file artifact reference/);
  });
});
