import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { arbitraryOf, type JsonSchema } from '../support/arbitrary-of-schema.js';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

const samples = 25;
const auth = { authorization: `Bearer ${testApiKey}` };
const where: Record<string, string> = { path: 'params', query: 'querystring' };

/** A URL-safe spelling of `value`, or undefined for a string no URL can carry (a lone surrogate). */
function encoded(value: unknown): string | undefined {
  try {
    return encodeURIComponent(String(value));
  } catch {
    return undefined;
  }
}

/** Asserts that the answer's status, and its media type, are ones the operation documents. */
function conforms(request: string, operation: Operation, res: LightMyRequestResponse): void {
  const response = operation.responses[String(res.statusCode)] as { content?: Record<string, unknown> } | undefined;
  assert.ok(response, `${request}: ${res.statusCode} is not documented (${res.body.slice(0, 200)})`);
  const mediaType = String(res.headers['content-type'] ?? '').split(';')[0] ?? '';
  if (response.content && res.body !== '') {
    assert.ok(
      mediaType in response.content,
      `${request}: ${res.statusCode} is ${mediaType}; documented: ${Object.keys(response.content).join(', ')}`,
    );
  }
}

/** The router found no route: the notFoundHandler's answer, not a route's own 404. */
const noRoute = (res: LightMyRequestResponse): boolean =>
  res.statusCode === 404 && String((res.json() as { detail?: string }).detail).startsWith('No route');

/** Whether the answer refused `parameter` by schema validation (the error handler's `errors`). */
function refusedByValidation(res: LightMyRequestResponse, parameter: Parameter): boolean {
  if (res.statusCode !== 400) return false;
  const errors = (res.json() as { errors?: { path: string }[] }).errors ?? [];
  const path = `${where[parameter.in]}/${parameter.name}`;
  return errors.some((e) => e.path === path || e.path.startsWith(`${path}/`));
}

/**
 * The OpenAPI document against the API that serves it, on a real Temporal dev server: for every
 * path and query parameter of every route, values generated from the documented schema pass the
 * route's validation, and values the API takes (router, validation and handler) match the
 * documented schema; the same for the approval-link body in both of its media types. Every answer
 * has a status the operation documents.
 */
describe('the OpenAPI document and the validation agree', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let document: Document;

  before(async () => {
    // GitHub is never asked: no route here takes a GitHub source.
    stack = await startTestStack({
      workers: false,
      app: {
        queryTimeoutMs: 1000,
        readinessTimeoutMs: 1000,
        approvalLinks: { secret: 'agreement-test-secret-0123456789abcdef' },
      },
    });
    app = stack.app;
    await app.ready();
    document = app.swagger() as unknown as Document;
  });

  after(async () => {
    await stack?.stop();
  });

  const resolve = (ref: string): JsonSchema => {
    const schema = document.components.schemas[ref.replace('#/components/schemas/', '')];
    assert.ok(schema, `unknown $ref ${ref}`);
    return schema;
  };
  const sample = (schema: JsonSchema, n: number, seed: number): unknown[] =>
    fc.sample(arbitraryOf(schema, resolve), { numRuns: n, seed });
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
    );

  /** A request to `path` with `parameter` set to `value` and every other required one documented-valid. */
  const send = async (
    path: string,
    method: string,
    operation: Operation,
    overrides: Record<string, string>,
  ): Promise<LightMyRequestResponse> => {
    let url = path;
    const query = new URLSearchParams();
    for (const p of operation.parameters ?? []) {
      if (p.in !== 'path' && p.in !== 'query') continue;
      const value = overrides[p.name] ?? (p.in === 'path' ? encoded(sample(p.schema, 1, 1)[0]) : undefined);
      if (value === undefined) continue;
      if (p.in === 'path') url = url.replace(`{${p.name}}`, value);
      else query.append(p.name, decodeURIComponent(value));
    }
    const search = query.size > 0 ? `?${query.toString()}` : '';
    const res = await app.inject({ method: method as 'GET', url: `${url}${search}`, headers: auth });
    conforms(`${method} ${url}${search}`, operation, res);
    return res;
  };

  it('accepts parameter values generated from the document', async () => {
    let checked = 0;
    for (const { path, method, operation } of operations()) {
      for (const parameter of operation.parameters ?? []) {
        if (!(parameter.in in where)) continue;
        for (const value of sample(parameter.schema, samples, 17)) {
          const text = encoded(value);
          if (text === undefined) continue;
          const res = await send(path, method, operation, { [parameter.name]: text });
          assert.equal(
            refusedByValidation(res, parameter) || noRoute(res),
            false,
            `${operation.operationId}: documented ${parameter.name}=${JSON.stringify(value)} refused: ${res.body}`,
          );
          checked += 1;
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} values checked`);
  });

  it('takes no string parameter value that the document does not allow', async () => {
    for (const { path, method, operation } of operations()) {
      for (const parameter of operation.parameters ?? []) {
        if (!(parameter.in in where) || parameter.schema.type !== 'string') continue;
        const documented = Compile(parameter.schema as TSchema);
        const near = sample(parameter.schema, 10, 23).map((v) => `${String(v)}~`);
        const values = [...fc.sample(fc.string({ maxLength: 80 }), { numRuns: samples, seed: 29 }), ...near, 'v1..'];
        for (const value of values) {
          const text = encoded(value);
          if (text === undefined || text === '') continue;
          const res = await send(path, method, operation, { [parameter.name]: text });
          // Refused: by validation, a handler's 400, or the router (no such route, a bad URL).
          if (res.statusCode === 400 || noRoute(res)) continue;
          assert.ok(
            documented.Check(value),
            `${operation.operationId}: took ${parameter.name}=${JSON.stringify(value)} (${res.statusCode}), which the document does not allow`,
          );
        }
      }
    }
  });

  it('accepts approval-link bodies generated from the document in both media types, and no others', async () => {
    const operation = document.paths['/approval-links/{token}']?.post;
    assert.ok(operation?.requestBody);
    const token = String(sample(operation.parameters![0]!.schema, 1, 3)[0]);
    for (const [mediaType, { schema }] of Object.entries(operation.requestBody.content)) {
      const documented = Compile(schema as TSchema);
      const post = (body: Record<string, unknown>) =>
        app.inject({
          method: 'POST',
          url: `/approval-links/${token}`,
          headers: { 'content-type': mediaType },
          payload:
            mediaType === 'application/json'
              ? JSON.stringify(body)
              : new URLSearchParams(body as Record<string, string>).toString(),
        });
      for (const body of sample(schema, samples, 31) as Record<string, unknown>[]) {
        const res = await post(body);
        conforms(`POST ${mediaType}`, operation, res);
        // Past validation the token is read, and refused as forged: the body was taken.
        assert.equal(res.statusCode, 403, `${mediaType} ${JSON.stringify(body)}: ${res.body}`);
      }
      const others = fc.sample(
        fc.record(
          {
            decision: fc.oneof(fc.constantFrom('approve', 'reject', 'maybe', ''), fc.string({ maxLength: 8 })),
            approver: fc.oneof(fc.constantFrom('', ' ', '\t', 'Eve'), fc.string({ maxLength: 120 })),
            reason: fc.string({ maxLength: 2100 }),
            admin: fc.constant('true'),
          },
          { requiredKeys: [] },
        ),
        { numRuns: samples * 2, seed: 37 },
      );
      for (const body of others) {
        const res = await post(body);
        if (res.statusCode === 400) continue;
        assert.ok(documented.Check(body), `${mediaType}: took ${JSON.stringify(body)} (${res.statusCode})`);
      }
    }
  });
});
