import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { FastifySchemaCompiler } from 'fastify';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

/** True for an object schema whose every property is a plain string: nothing in it to convert. */
function onlyStringProperties(schema: TSchema): boolean {
  const { type, properties } = schema as { type?: unknown; properties?: Record<string, { type?: unknown }> };
  return type === 'object' && properties !== undefined && Object.values(properties).every((p) => p.type === 'string');
}

/**
 * TypeBox's validator compiler, except for header schemas of strings only, which are checked
 * without converting them first. Header values arrive as strings, so the conversion changes
 * nothing, yet it built a RegExp per schema property on every request, which V8 compiles again
 * after each garbage collection, for an Idempotency-Key header that is mostly absent (what that
 * cost is in docs/benchmarks.md, "Where a start's time goes"). Bodies are never converted either way (no silent repairs); queries and params
 * still are (`?pageSize=20`).
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  if (route.httpPart !== 'headers' || !onlyStringProperties(route.schema)) return TypeBoxValidatorCompiler(route);
  const check = Compile(route.schema);
  return (value: unknown) => (check.Check(value) ? { value } : { error: check.Errors(value) });
};
