import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { addCommit, createGitRepo } from '@reviewflow/devkit';
import { createGitRevisionResolver, NotAGitRepository } from '../../src/sources/git-revision-resolver.js';

const revParse = (dir: string, rev: string) =>
  execFileSync('git', ['-C', dir, 'rev-parse', `${rev}^{commit}`])
    .toString()
    .trim();

describe('createGitRevisionResolver', () => {
  const resolver = createGitRevisionResolver({ maxRepositories: 2 });
  after(() => resolver.close());

  it('resolves what git rev-parse resolves, and nothing that is not a commit', async () => {
    const dir = realpathSync(createGitRepo([{ 'a.txt': 'one\n' }, { 'a.txt': 'two\n' }, { 'a.txt': 'three\n' }]));
    execFileSync('git', [
      '-C',
      dir,
      '-c',
      'user.email=t@t.test',
      '-c',
      'user.name=t',
      'tag',
      '-a',
      'v1',
      '-m',
      'annotated',
      'HEAD~1',
    ]);
    const tree = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD^{tree}']).toString().trim();
    const head = revParse(dir, 'HEAD');
    const answers = await resolver.resolve(dir, [
      'HEAD',
      'HEAD~2',
      'v1',
      head,
      head.slice(0, 12),
      tree,
      'no-such-branch',
      '--help',
      'HEAD\nHEAD',
    ]);
    assert.deepEqual(answers, [
      head,
      revParse(dir, 'HEAD~2'),
      revParse(dir, 'HEAD~1'),
      head,
      head,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('sees a commit made after its git process started', async () => {
    const dir = realpathSync(createGitRepo([{ 'a.txt': 'one\n' }]));
    const [before] = await resolver.resolve(dir, ['HEAD']);
    addCommit(dir, { 'a.txt': 'two\n' });
    const [afterCommit] = await resolver.resolve(dir, ['HEAD']);
    assert.equal(before, revParse(dir, 'HEAD~1'));
    assert.equal(afterCommit, revParse(dir, 'HEAD'));
  });

  it('answers many questions in order, across more repositories than it keeps open', async () => {
    const dirs = [1, 2, 3].map((n) => realpathSync(createGitRepo([{ 'n.txt': `${n}\n` }, { 'n.txt': `${n}!\n` }])));
    const asks = Array.from({ length: 60 }, (_, i) => ({ dir: dirs[i % 3]!, rev: i % 2 === 0 ? 'HEAD' : 'HEAD~1' }));
    const answers = await Promise.all(asks.map(({ dir, rev }) => resolver.resolve(dir, [rev])));
    assert.deepEqual(
      answers.map(([sha]) => sha),
      asks.map(({ dir, rev }) => revParse(dir, rev)),
    );
  });

  it('keeps answers in place around a revision it never sends to git', async () => {
    const dir = realpathSync(createGitRepo([{ 'a.txt': 'one\n' }, { 'a.txt': 'two\n' }]));
    const answers = await Promise.all([
      resolver.resolve(dir, ['HEAD~1', 'HEAD\nHEAD~1', 'HEAD']),
      resolver.resolve(dir, ['HEAD\r', 'HEAD~1']),
    ]);
    assert.deepEqual(answers, [
      [revParse(dir, 'HEAD~1'), undefined, revParse(dir, 'HEAD')],
      [undefined, revParse(dir, 'HEAD~1')],
    ]);
  });

  it('rejects a directory that is not a repository, and stays usable', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'not-a-repo-'));
    await assert.rejects(resolver.resolve(plain, ['HEAD']), NotAGitRepository);
    await assert.rejects(resolver.resolve(join(plain, 'missing'), ['HEAD']), NotAGitRepository);
    const dir = realpathSync(createGitRepo([{ 'a.txt': 'one\n' }]));
    assert.deepEqual(await resolver.resolve(dir, ['HEAD']), [revParse(dir, 'HEAD')]);
  });
});
