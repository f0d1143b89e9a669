import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { Type, type TSchema } from 'typebox';
import { IdempotencyKeyHeadersSchema } from '../../src/idempotency/idempotency-key-header.js';
import { validatorCompiler } from '../../src/validation/validator-compiler.js';

const compile = (schema: TSchema, httpPart: string) =>
  validatorCompiler({ schema, httpPart, url: '/x', method: 'POST' } as FastifyRouteSchemaDef<TSchema>) as (
    value: unknown,
  ) => { value?: unknown; error?: Array<{ instancePath: string }> };

describe('validatorCompiler', () => {
  it('checks string headers as they are, without a copy, and refuses bad ones', () => {
    const validate = compile(IdempotencyKeyHeadersSchema, 'headers');
    const headers = { 'idempotency-key': 'abc-123', host: 'x', 'content-length': '10' };
    assert.equal(validate(headers).value, headers);
    assert.equal(validate({ host: 'x' }).error, undefined);
    for (const bad of ['', 'a b', 'é', 'x'.repeat(256)]) {
      const { error } = validate({ 'idempotency-key': bad });
      assert.ok(error && error.length > 0, `${JSON.stringify(bad)} must be refused`);
      assert.match(error[0]!.instancePath, /idempotency-key/);
    }
  });

  it('still converts what is not a string: query numbers, and headers of other types', () => {
    const query = compile(Type.Object({ pageSize: Type.Integer({ minimum: 1 }) }), 'querystring');
    assert.deepEqual(query({ pageSize: '20' }).value, { pageSize: 20 });
    assert.ok(query({ pageSize: 'twenty' }).error);
    const numericHeader = compile(Type.Object({ 'x-count': Type.Integer() }), 'headers');
    assert.deepEqual(numericHeader({ 'x-count': '3' }).value, { 'x-count': 3 });
  });

  it('never converts bodies: a number where a string belongs is refused', () => {
    const body = compile(Type.Object({ name: Type.String() }), 'body');
    assert.ok(body({ name: 7 }).error);
    assert.deepEqual(body({ name: 'seven' }).value, { name: 'seven' });
  });
});
