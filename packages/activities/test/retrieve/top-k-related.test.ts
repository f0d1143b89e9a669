import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FeatureHashingEmbedder } from '../../src/embed/feature-hashing-embedder.js';
import { topKRelated } from '../../src/retrieve/top-k-related.js';

describe('topKRelated', () => {
  it('ranks the chunks about the same code first, leaves out the chunk itself and unrelated ones', async () => {
    const texts: Record<string, string> = {
      c1: 'function parseInvoiceTotal(invoice) { return invoice.lines.reduce((s, l) => s + l.amount, 0); }',
      c2: 'const total = parseInvoiceTotal(invoice); invoice.lines.push(line);',
      c3: 'test("parseInvoiceTotal sums invoice lines", () => expect(parseInvoiceTotal(invoice)).toBe(3));',
      c4: 'body { margin: 0; padding: 0; color: #333; }',
    };
    const embedder = new FeatureHashingEmbedder({ dimensions: 256 });
    const vectors = await embedder.embed(Object.values(texts));
    const embeddings = new Map(Object.keys(texts).map((id, i) => [id, vectors[i]!]));
    const related = topKRelated('c1', embeddings, 2);
    assert.deepEqual(related.map((r) => r.id).sort(), ['c2', 'c3']);
    assert.ok(related[0]!.score >= related[1]!.score);
    assert.ok(!topKRelated('c1', embeddings, 3).some((r) => r.id === 'c1'));
  });

  it('breaks ties by id and returns nothing for an unknown chunk or k = 0', () => {
    const embeddings = new Map([
      ['a', [1, 0]],
      ['c', [1, 0]],
      ['b', [1, 0]],
      ['z', [0, 1]],
    ]);
    assert.deepEqual(
      topKRelated('a', embeddings, 5).map((r) => r.id),
      ['b', 'c'],
    );
    assert.deepEqual(topKRelated('missing', embeddings, 2), []);
    assert.deepEqual(topKRelated('a', embeddings, 0), []);
  });
});
