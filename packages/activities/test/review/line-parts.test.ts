import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { lineParts } from '../../src/review/line-parts.js';
import { sourceLanguageOf } from '../../src/review/source-language.js';

describe('lineParts', () => {
  it('blanks strings and comments without moving offsets', () => {
    const line = 'const url = "http://x"; // see "docs"';
    const parts = lineParts(line, 'javascript');
    assert.equal(parts.code, 'const url = "        ";'.padEnd(line.length));
    assert.equal(parts.uncommented, 'const url = "http://x";'.padEnd(line.length));
    assert.equal(parts.comment, '// see "docs"');
    assert.equal(parts.code.length, line.length);
  });

  it('reads inline block comments and keeps the code after them', () => {
    const parts = lineParts('a(); /* TODO */ b();', 'javascript');
    assert.equal(parts.code, 'a();            b();');
    assert.equal(parts.comment, '/* TODO */');
  });

  it('takes a quote the line never closes as a plain character', () => {
    assert.equal(lineParts("it's # done", 'python').comment, '# done');
    assert.equal(lineParts('x = "abc # not closed', 'python').comment, '# not closed');
  });

  it('knows which languages use # and where', () => {
    assert.equal(lineParts('echo $# items # count', 'shell').comment, '# count');
    assert.equal(lineParts('#[Route("/")]', 'php').comment, '');
    assert.equal(lineParts('x = 1 # note', 'javascript').comment, '');
    assert.equal(lineParts('   * continues a block comment', 'java').comment, '* continues a block comment');
  });

  it('trusts only whole-line comments in files of unknown kind', () => {
    assert.equal(lineParts('# TODO later', undefined).comment, '# TODO later');
    assert.equal(lineParts('see https://x/#TODO', undefined).comment, '');
  });
});

describe('sourceLanguageOf', () => {
  it('picks the language from the file name', () => {
    assert.equal(sourceLanguageOf('src/app.tsx'), 'javascript');
    assert.equal(sourceLanguageOf('app/Main.PY'), 'python');
    assert.equal(sourceLanguageOf('deploy/.env.production'), 'env');
    assert.equal(sourceLanguageOf('Dockerfile'), 'shell');
    assert.equal(sourceLanguageOf('config/app.yaml'), 'yaml');
    assert.equal(sourceLanguageOf('Makefile'), undefined);
    assert.equal(sourceLanguageOf('.gitignore'), undefined);
  });
});
