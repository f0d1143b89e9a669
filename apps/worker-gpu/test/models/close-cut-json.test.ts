import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closeCutJson } from '@reviewflow/worker-gpu';

describe('closeCutJson', () => {
  it('keeps the complete array items of a cut answer and closes what was open', () => {
    const cut =
      '{\n "findings": [\n  {"file": "a.js", "line": 1, "message": "a } ] in a string"},\n  {"file": "a.js", "line": 2, "mess';
    const closed = closeCutJson(cut);
    assert.deepEqual(JSON.parse(closed!), { findings: [{ file: 'a.js', line: 1, message: 'a } ] in a string' }] });
  });

  it('handles escaped quotes and gives up when no item is complete', () => {
    assert.deepEqual(JSON.parse(closeCutJson('{"findings": [{"message": "say \\"hi\\" ]"}, {"x": [1, 2')!), {
      findings: [{ message: 'say "hi" ]' }],
    });
    assert.equal(closeCutJson('{"findings": [{"file": "a.js", "li'), undefined);
  });
});
