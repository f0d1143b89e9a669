import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseModelFindings } from '../../src/review/parse-model-findings.js';
import { InvalidModelOutputError } from '../../src/review/review-findings-schema.js';
import { modelFinding } from '../support/model-finding.js';

const answerOf = (...findings: unknown[]) => JSON.stringify({ findings });

describe('parseModelFindings', () => {
  const answer = answerOf(modelFinding(3));

  it('reads bare JSON and JSON in a Markdown fence', () => {
    assert.equal(parseModelFindings(answer).length, 1);
    assert.equal(parseModelFindings('```json\n' + answer + '\n```').length, 1);
    assert.equal(parseModelFindings('```\n' + answer + '```').length, 1);
  });

  it('finds the JSON after prose, in a fence or not, and behind an unterminated fence', () => {
    assert.equal(parseModelFindings('Sure! Here it is:\n```json\n' + answer + '\n```\nAnything else?').length, 1);
    assert.equal(parseModelFindings('The review: ' + answer + ' (done)').length, 1);
    // What SmolLM2 on llama-cpp-python answered in text mode: a closing fence without an opening one.
    assert.equal(parseModelFindings(answer + '\n```').length, 1);
  });

  it('skips braces in prose and prefers the block with findings', () => {
    const text = 'Checked {the loop} and {"note": "x"}; result: ' + answer;
    assert.deepEqual(
      parseModelFindings(text).map((f) => f.line),
      [3],
    );
    assert.equal(parseModelFindings('{"findings": [], "note": "a } in a string"}').length, 0);
  });

  it('still refuses an answer without JSON or without findings', () => {
    assert.throws(() => parseModelFindings('No problems found.'), /model output is not JSON/);
    assert.throws(() => parseModelFindings('Result: {"note": "x"}'), /no "findings" array/);
    assert.throws(() => parseModelFindings('{"findings": "none"}'), /no "findings" array/);
    assert.throws(() => parseModelFindings('[1, 2]'), /no "findings" array/);
  });

  // Servers without strict decoding (json_object, plain text) leave out what they think optional.
  it('accepts findings without quote or suggestion, with extra members, and a non-string quote', () => {
    const [bare] = parseModelFindings(answerOf({ ...modelFinding(3), suggestion: undefined }));
    assert.equal(bare?.suggestion, null);
    assert.equal(bare?.quote, '');
    const [extra] = parseModelFindings(answerOf(modelFinding(4, { confidence: 0.9, quote: 42 })));
    assert.equal(extra?.line, 4);
    assert.equal(extra?.quote, '');
    assert.equal('confidence' in (extra ?? {}), false);
  });

  it('trims and caps the texts, and reads a blank suggestion as none', () => {
    const [f] = parseModelFindings(
      answerOf(modelFinding(3, { message: `  ${'x'.repeat(3000)}  `, suggestion: '   ', quote: '  eval(input);  ' })),
    );
    assert.equal(f?.message, 'x'.repeat(2000));
    assert.equal(f?.suggestion, null);
    assert.equal(f?.quote, 'eval(input);');
    assert.equal(
      parseModelFindings(answerOf(modelFinding(3, { suggestion: ' Parse it ' })))[0]?.suggestion,
      'Parse it',
    );
  });

  it('refuses the whole answer for one finding that breaks the schema, naming it and the field', () => {
    const refuses = (item: unknown, message: RegExp) =>
      assert.throws(
        () => parseModelFindings(answerOf(modelFinding(1), item)),
        (err: unknown) => err instanceof InvalidModelOutputError && message.test(err.message),
      );
    refuses('a string', /^finding 1: is not an object$/);
    refuses([modelFinding(2)], /^finding 1: is not an object$/);
    refuses(null, /^finding 1: is not an object$/);
    refuses(modelFinding(2, { file: '' }), /^finding 1: "file" is not a non-empty string$/);
    refuses({ ...modelFinding(2), file: undefined }, /^finding 1: "file" is not a non-empty string$/);
    refuses(modelFinding(0), /^finding 1: "line" is not a positive integer$/);
    refuses(modelFinding(2.5), /^finding 1: "line" is not a positive integer$/);
    refuses(modelFinding(2, { line: '2' }), /^finding 1: "line" is not a positive integer$/);
    refuses(
      modelFinding(2, { severity: 'catastrophic' }),
      /^finding 1: "severity" is not one of info, low, medium, high, critical$/,
    );
    refuses(
      modelFinding(2, { category: 'nit' }),
      /^finding 1: "category" is not one of security, correctness, performance, reliability, maintainability, style, testing, documentation$/,
    );
    refuses(modelFinding(2, { message: '   ' }), /^finding 1: "message" is not a non-empty string$/);
    refuses(modelFinding(2, { message: 7 }), /^finding 1: "message" is not a non-empty string$/);
    refuses(modelFinding(2, { suggestion: 5 }), /^finding 1: "suggestion" is neither a string nor null$/);
    // The first field in schema order is the one named.
    refuses(modelFinding(0, { file: '', severity: 'x' }), /^finding 1: "file" is not a non-empty string$/);
    refuses(modelFinding(2, { severity: 'x', message: '' }), /^finding 1: "severity" is not one of/);
  });

  it('refuses more findings than a chunk may have', () => {
    const many = Array.from({ length: 51 }, (_, i) => modelFinding(i + 1));
    assert.throws(
      () => parseModelFindings(answerOf(...many)),
      (err: unknown) =>
        err instanceof InvalidModelOutputError && err.message === 'model output has 51 findings, more than 50',
    );
    assert.equal(parseModelFindings(answerOf(...many.slice(0, 50))).length, 50);
  });
});
