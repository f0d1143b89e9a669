import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FailureType, type Changeset, type FileChange } from '@reviewflow/contract';
import { fetchGitChangeset } from '../../src/git/fetch-git-changeset.js';
import { GitSourceError } from '../../src/git/git-source-error.js';

const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);

function fileNamed(changeset: Changeset, path: string): FileChange {
  const file = changeset.files.find((f) => f.path === path);
  assert.ok(file, `no change for ${path}; got ${changeset.files.map((f) => f.path).join(', ')}`);
  return file;
}

function addedLines(file: FileChange): { newLine: number | undefined; text: string }[] {
  return file.hunks.flatMap((h) =>
    h.lines.filter((l) => l.kind === 'add').map((l) => ({ newLine: l.newLine, text: l.text })),
  );
}

describe('fetchGitChangeset', () => {
  let repo: string;
  let base: string;
  let head: string;
  let changeset: Changeset;

  const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();

  before(async () => {
    repo = await mkdtemp(join(tmpdir(), 'reviewflow-git-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Test');
    git('config', 'user.email', 'test@example.com');

    await writeFile(join(repo, 'modified.txt'), numbered(1, 30).join('\n') + '\n');
    await writeFile(join(repo, 'doomed.txt'), 'goodbye\ncruel\nworld\n');
    await writeFile(
      join(repo, 'old-name.ts'),
      [
        'export function greet(name: string) {',
        '  const greeting = "hello";',
        '  return `${greeting} ${name}`;',
        '}',
        '',
        'export const a = 1;',
        'export const b = 2;',
        'export const c = 3;',
        '',
      ].join('\n'),
    );
    await mkdir(join(repo, 'dir with space'));
    await writeFile(join(repo, 'dir with space', 'file name.txt'), 'one\ntwo\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    base = git('rev-parse', 'HEAD');

    const modified = numbered(1, 30);
    modified.splice(2, 0, 'inserted after 2');
    modified[20] = 'changed 20';
    modified.push('appended');
    await writeFile(join(repo, 'modified.txt'), modified.join('\n') + '\n');
    await writeFile(join(repo, 'added.txt'), 'brand\nnew\n');
    git('rm', '-q', 'doomed.txt');
    git('mv', 'old-name.ts', 'new-name.ts');
    await writeFile(
      join(repo, 'new-name.ts'),
      [
        'export function greet(name: string) {',
        '  const greeting = "hi";',
        '  return `${greeting} ${name}`;',
        '}',
        '',
        'export const a = 1;',
        'export const b = 2;',
        'export const c = 3;',
        '',
      ].join('\n'),
    );
    await writeFile(join(repo, 'image.bin'), Buffer.from([0, 1, 2, 3, 0, 255, 0]));
    await writeFile(join(repo, 'dir with space', 'file name.txt'), 'one\ntwo\nthree\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'head');
    head = git('rev-parse', 'HEAD');

    changeset = await fetchGitChangeset({ path: repo, base, head });
  });

  after(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('keeps the revisions it was asked for', () => {
    assert.equal(changeset.base, base);
    assert.equal(changeset.head, head);
    assert.deepEqual(changeset.files.map((f) => f.path).sort(), [
      'added.txt',
      'dir with space/file name.txt',
      'doomed.txt',
      'image.bin',
      'modified.txt',
      'new-name.ts',
    ]);
  });

  it('numbers added lines of a modified file across hunks', () => {
    const file = fileNamed(changeset, 'modified.txt');
    assert.equal(file.status, 'modified');
    assert.equal(file.hunks.length, 3);
    assert.deepEqual(addedLines(file), [
      { newLine: 3, text: 'inserted after 2' },
      { newLine: 21, text: 'changed 20' },
      { newLine: 32, text: 'appended' },
    ]);
    assert.equal(file.additions, 3);
    assert.equal(file.deletions, 1);
    const deleted = file.hunks.flatMap((h) => h.lines).filter((l) => l.kind === 'del');
    assert.deepEqual(deleted, [{ kind: 'del', text: 'line 20', oldLine: 20 }]);
    const context = file.hunks[1]?.lines.find((l) => l.kind === 'context');
    // Context before line 20 sits one line lower in head because of the insertion at line 3.
    assert.deepEqual(context, { kind: 'context', text: 'line 17', oldLine: 17, newLine: 18 });
  });

  it('reads an added file', () => {
    const file = fileNamed(changeset, 'added.txt');
    assert.equal(file.status, 'added');
    assert.equal(file.oldPath, undefined);
    assert.deepEqual(addedLines(file), [
      { newLine: 1, text: 'brand' },
      { newLine: 2, text: 'new' },
    ]);
    assert.equal(file.deletions, 0);
  });

  it('reads a deleted file under its old path', () => {
    const file = fileNamed(changeset, 'doomed.txt');
    assert.equal(file.status, 'deleted');
    assert.equal(file.additions, 0);
    assert.equal(file.deletions, 3);
    assert.deepEqual(
      file.hunks.flatMap((h) => h.lines).map((l) => l.oldLine),
      [1, 2, 3],
    );
  });

  it('reads a rename with edits', () => {
    const file = fileNamed(changeset, 'new-name.ts');
    assert.equal(file.status, 'renamed');
    assert.equal(file.oldPath, 'old-name.ts');
    assert.deepEqual(addedLines(file), [{ newLine: 2, text: '  const greeting = "hi";' }]);
    assert.equal(file.deletions, 1);
  });

  it('marks a binary file without hunks', () => {
    const file = fileNamed(changeset, 'image.bin');
    assert.equal(file.status, 'binary');
    assert.deepEqual(file.hunks, []);
  });

  it('handles a path with spaces', () => {
    const file = fileNamed(changeset, 'dir with space/file name.txt');
    assert.equal(file.status, 'modified');
    assert.deepEqual(addedLines(file), [{ newLine: 3, text: 'three' }]);
  });

  it('unquotes special and non-ASCII paths and reads "No newline at end of file"', async () => {
    await writeFile(join(repo, 'quo"te\\d é.txt'), 'first\nno newline');
    await writeFile(join(repo, 'empty.txt'), '');
    git('add', '-A');
    git('commit', '-q', '-m', 'odd names');
    await writeFile(join(repo, 'quo"te\\d é.txt'), 'first\nno newline, edited');
    git('commit', '-q', '-am', 'edit');
    const third = git('rev-parse', 'HEAD');

    const added = await fetchGitChangeset({ path: repo, base: head, head: `${third}~1` });
    const empty = fileNamed(added, 'empty.txt');
    assert.equal(empty.status, 'added');
    assert.deepEqual(empty.hunks, []);

    const edited = await fetchGitChangeset({ path: repo, base: `${third}~1`, head: third });
    const file = fileNamed(edited, 'quo"te\\d é.txt');
    assert.deepEqual(
      file.hunks.flatMap((h) => h.lines),
      [
        { kind: 'context', text: 'first', oldLine: 1, newLine: 1 },
        { kind: 'del', text: 'no newline', oldLine: 2 },
        { kind: 'add', text: 'no newline, edited', newLine: 2 },
      ],
    );
  });

  it('rejects an unknown revision', async () => {
    await assert.rejects(
      fetchGitChangeset({ path: repo, base, head: 'no-such-branch' }),
      (error: unknown) => error instanceof GitSourceError && error.failureType === FailureType.GitUnknownRevision,
    );
  });

  it('rejects a revision that looks like an option', async () => {
    await assert.rejects(
      fetchGitChangeset({ path: repo, base: '--output=/tmp/pwned', head }),
      (error: unknown) => error instanceof GitSourceError && error.failureType === FailureType.GitUnknownRevision,
    );
  });

  it('rejects a directory that is not a repository, and a missing path', async () => {
    const plain = await mkdtemp(join(tmpdir(), 'reviewflow-plain-'));
    try {
      for (const path of [plain, join(plain, 'does-not-exist')]) {
        await assert.rejects(
          fetchGitChangeset({ path, base: 'HEAD~1', head: 'HEAD' }),
          (error: unknown) => error instanceof GitSourceError && error.failureType === FailureType.GitNotARepository,
        );
      }
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});
