import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reviewFindingsJsonSchema } from '../../src/review/review-findings-schema.js';

// What models were sent before the schema was built with TypeBox; the wire form must not drift.
const sentBefore = {
  type: 'object',
  additionalProperties: false,
  required: ['findings'],
  properties: {
    findings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'quote', 'line', 'severity', 'category', 'message', 'suggestion'],
        properties: {
          file: { type: 'string', description: 'Path of the file, exactly as given' },
          quote: { type: 'string', description: 'The offending code, copied exactly from one added (+) line' },
          line: { type: 'integer', description: 'Line number of an added (+) line in the new version' },
          severity: { type: 'string', enum: ['info', 'low', 'medium', 'high', 'critical'] },
          category: {
            type: 'string',
            enum: [
              'security',
              'correctness',
              'performance',
              'reliability',
              'maintainability',
              'style',
              'testing',
              'documentation',
            ],
          },
          message: { type: 'string', description: 'What is wrong and why, in one or two sentences' },
          suggestion: { type: ['string', 'null'], description: 'A concrete fix, or null' },
        },
      },
    },
  },
};

/** Every object schema inside `schema`, itself included. */
function objectSchemas(schema: unknown): Record<string, unknown>[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const nested = Object.values(schema).flatMap(objectSchemas);
  return (schema as { type?: unknown }).type === 'object' ? [schema as Record<string, unknown>, ...nested] : nested;
}

describe('reviewFindingsJsonSchema', () => {
  const wire = JSON.parse(JSON.stringify(reviewFindingsJsonSchema)) as unknown;

  it('is, on the wire, the schema models were always sent', () => {
    assert.deepEqual(wire, sentBefore);
  });

  it("stays in the subset OpenAI's strict mode and node-llama-cpp's grammar accept", () => {
    const objects = objectSchemas(wire);
    assert.equal(objects.length, 2);
    for (const object of objects) {
      assert.equal(object.additionalProperties, false);
      assert.deepEqual(object.required, Object.keys(object.properties as object));
    }
    // node-llama-cpp has no anyOf: it would read such a property as always null.
    assert.doesNotMatch(JSON.stringify(wire), /"(anyOf|allOf|\$ref)"/);
  });
});
