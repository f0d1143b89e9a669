import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseReviewTarget } from '../src/parse-review-target.js';
import { createTerminalStyle } from '../src/terminal-style.js';

describe('parseReviewTarget', () => {
  it('reads owner/repo#number as a GitHub pull request', () => {
    assert.deepEqual(parseReviewTarget('acme/api#42', {}), {
      kind: 'github',
      owner: 'acme',
      repo: 'api',
      pullNumber: 42,
    });
    const sha = 'a'.repeat(40);
    assert.deepEqual(parseReviewTarget('acme/api.js#7', { head: sha }), {
      kind: 'github',
      owner: 'acme',
      repo: 'api.js',
      pullNumber: 7,
      headSha: sha,
    });
    assert.throws(() => parseReviewTarget('acme/api#42', { base: 'main' }), /--base/);
    assert.throws(() => parseReviewTarget('acme/api#42', { head: 'HEAD' }), /--head/);
  });

  it('reads anything else as a local repository path, made absolute, HEAD~1..HEAD by default', () => {
    assert.deepEqual(parseReviewTarget('.', {}, '/work/repo'), {
      kind: 'git',
      path: '/work/repo',
      base: 'HEAD~1',
      head: 'HEAD',
    });
    assert.deepEqual(parseReviewTarget('../other', { base: 'origin/main', head: 'feature' }, '/work/repo'), {
      kind: 'git',
      path: '/work/other',
      base: 'origin/main',
      head: 'feature',
    });
  });
});

describe('createTerminalStyle', () => {
  it('colours a terminal unless NO_COLOR or --no-color, and nothing else unless FORCE_COLOR', () => {
    assert.equal(createTerminalStyle({ isTTY: true }, {}).red('x'), '\x1b[31mx\x1b[39m');
    assert.equal(createTerminalStyle({ isTTY: true }, { NO_COLOR: '1' }).red('x'), 'x');
    assert.equal(createTerminalStyle({ isTTY: true }, {}, true).red('x'), 'x');
    assert.equal(createTerminalStyle({ isTTY: false }, {}).red('x'), 'x');
    assert.equal(createTerminalStyle({}, { FORCE_COLOR: '1' }).red('x'), '\x1b[31mx\x1b[39m');
  });
});
