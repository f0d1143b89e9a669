import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { isTemporalRefusedInput } from '../../src/temporal/temporal-refused-input.js';

describe('isTemporalRefusedInput', () => {
  it('knows the refusals of a request, bare or as the cause of a ServiceError', () => {
    const refusals = [
      { code: status.INVALID_ARGUMENT, details: 'invalid query' },
      { code: status.UNKNOWN, details: "invalid character 'o' looking for beginning of value" },
      { code: status.UNKNOWN, details: 'unexpected end of JSON input' },
      { code: status.INTERNAL, details: 'grpc: error unmarshalling request: string field contains invalid UTF-8' },
    ];
    for (const refusal of refusals) {
      assert.ok(isTemporalRefusedInput(refusal), refusal.details);
      assert.ok(isTemporalRefusedInput(Object.assign(new Error('x'), { name: 'ServiceError', cause: refusal })));
    }
  });

  it('leaves transient failures to the retries', () => {
    for (const transient of [
      { code: status.UNAVAILABLE, details: 'connection refused' },
      { code: status.UNKNOWN, details: 'something went wrong, please retry (1a2b)' },
      { code: status.INTERNAL, details: 'Received RST_STREAM with code 2' },
      { code: status.NOT_FOUND, details: 'workflow not found' },
    ]) {
      assert.equal(isTemporalRefusedInput(transient), false, transient.details);
    }
    assert.equal(isTemporalRefusedInput(undefined), false);
  });
});
