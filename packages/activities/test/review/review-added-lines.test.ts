import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { reviewAddedLines } from '../../src/review/review-added-lines.js';
import type { ReviewRule } from '../../src/review/review-rule.js';

const rule = (id: string, check: ReviewRule['check'], languages?: ReviewRule['languages']): ReviewRule => ({
  id,
  severity: 'medium',
  description: id,
  ...(languages === undefined ? {} : { languages }),
  check,
});

describe('reviewAddedLines', () => {
  it('sorts by line, then rule id, whatever the input and rule order', () => {
    const rules = [rule('b/second', () => 'b'), rule('a/first', () => 'a')];
    const findings = reviewAddedLines(
      'src/a.ts',
      [
        { line: 9, text: 'x' },
        { line: 2, text: 'y' },
      ],
      rules,
    );
    assert.deepEqual(
      findings.map((f) => [f.line, f.rule]),
      [
        [2, 'a/first'],
        [2, 'b/second'],
        [9, 'a/first'],
        [9, 'b/second'],
      ],
    );
  });

  it('keeps one finding per line and rule', () => {
    const findings = reviewAddedLines(
      'src/a.ts',
      [
        { line: 3, text: 'a' },
        { line: 3, text: 'b' },
      ],
      [rule('x/any', (line) => `saw ${line}`)],
    );
    assert.deepEqual(findings, [{ file: 'src/a.ts', line: 3, rule: 'x/any', severity: 'medium', message: 'saw a' }]);
  });

  it('runs a rule only on the languages it lists', () => {
    const pythonOnly = rule('x/python', () => 'hit', ['python']);
    assert.equal(reviewAddedLines('app/a.py', [{ line: 1, text: '' }], [pythonOnly]).length, 1);
    assert.equal(reviewAddedLines('src/a.ts', [{ line: 1, text: '' }], [pythonOnly]).length, 0);
    assert.equal(reviewAddedLines('LICENSE', [{ line: 1, text: '' }], [pythonOnly]).length, 0);
  });

  it('gives rules the file, line number, language and the split line', () => {
    const seen: unknown[] = [];
    const spy = rule('x/spy', (line, context) => {
      seen.push({ line, ...context });
      return undefined;
    });
    reviewAddedLines('src/a.ts', [{ line: 12, text: 'f("s"); // c' }], [spy]);
    assert.deepEqual(seen, [
      {
        line: 'f("s"); // c',
        file: 'src/a.ts',
        lineNumber: 12,
        language: 'javascript',
        uncommented: 'f("s");     ',
        code: 'f(" ");     ',
        comment: '// c',
      },
    ]);
  });

  it('uses the offline rules by default and returns nothing for clean lines', () => {
    assert.deepEqual(reviewAddedLines('src/a.ts', []), []);
    assert.deepEqual(reviewAddedLines('src/a.ts', [{ line: 1, text: 'const a = 1;' }]), []);
    assert.deepEqual(
      reviewAddedLines('src/a.ts', [{ line: 1, text: 'debugger; // TODO remove' }]).map((f) => f.rule),
      ['debug/debugger-statement', 'marker/todo-comment'],
    );
  });
});
