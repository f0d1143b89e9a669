import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { ConfigError, parseEnvConfig } from '../src/parse-env-config.js';

const Schema = Type.Object({
  PORT: Type.Integer({ default: 3000, minimum: 1, maximum: 65535 }),
  FLAG: Type.Boolean({ default: false }),
  NAME: Type.String({ minLength: 1 }),
});

describe('parseEnvConfig', () => {
  it('applies defaults, converts text and ignores unknown variables', () => {
    assert.deepEqual(parseEnvConfig(Schema, { NAME: 'x', FLAG: 'true', PATH: '/bin' }), {
      PORT: 3000,
      FLAG: true,
      NAME: 'x',
    });
    assert.equal(parseEnvConfig(Schema, { NAME: 'x', PORT: '8080' }).PORT, 8080);
    assert.equal(parseEnvConfig(Schema, { NAME: 'x', PORT: '' }).PORT, 3000, 'an empty variable is unset');
  });

  it('reports every problem at once', () => {
    assert.throws(
      () => parseEnvConfig(Schema, { PORT: 'eighty' }),
      (err: unknown) =>
        err instanceof ConfigError && err.problems.length >= 2 && /PORT/.test(err.message) && /NAME/.test(err.message),
    );
  });
});
