import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPlantedRepo } from '@reviewflow/devkit';
import fc from 'fast-check';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';

const webhookSecret = 'property-webhook-secret';
const auth = `Bearer ${testApiKey}`;
type Json = Record<string, any>;

// Path traversal in every spelling a router, a file system or a git command might decode.
const traversal = [
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%252F..%252Fetc',
  '..\\..\\windows\\win.ini',
  '/etc/passwd',
  '//etc/passwd',
  '~',
  '~root/.ssh/id_rsa',
  '/proc/self/environ',
  '.git/config',
  '..',
  '.',
];
// Odd unicode: a lone surrogate, RTL override, NUL, zero-width joiners, emoji, combining marks.
const oddText = [
  '\ud800',
  'a\udfffb',
  '\u202egnp.exe',
  '\u0000',
  'x\u0000y',
  '\u200d\u200b',
  '😀'.repeat(50),
  'e\u0301\u0301',
];
// Bytes that are not UTF-8 once percent-decoded, and control characters.
const oddEncoded = ['%ED%A0%80', '%FF%FE', '%C0%AF', '%00', '%0D%0Ainjected:1', '%E2%80%AE'];

const weird = fc.oneof(
  fc.constantFrom(...traversal, ...oddText),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 5000, maxLength: 6000 }),
);
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  weird,
  fc.constantFrom(null, true, -1, 0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 1.5, [], {}),
  fc.array(fc.integer(), { minLength: 2000, maxLength: 3000 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 5 }),
);

/** A path parameter value, ready to put into a URL (some deliberately not valid UTF-8). */
const pathSegment = fc.oneof(
  weird.map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return '%ED%A0%80'; // a lone surrogate cannot be encoded: send its bytes raw
    }
  }),
  fc.constantFrom(...traversal.filter((t) => !t.startsWith('/')), ...oddEncoded),
  fc.string({ minLength: 2100, maxLength: 2200, unit: fc.constantFrom('a', 'b') }),
);

const validSource = (path: string) => ({ kind: 'git', path, base: 'HEAD~1', head: 'HEAD' });

/**
 * Bodies that are invalid by construction, so a 2xx would be a bug: text that is not JSON, JSON of
 * the wrong shape, and objects that carry an unknown field or a wrong type next to plausible ones
 * (traversal paths in git sources, bad owner/repo names in GitHub sources).
 */
const invalidJsonBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"source":',
    '{"a":1,}',
    "{'a':1}",
    'NaN',
    '\u0000',
    '{"decision":"approve"}x',
    '[]',
    'null',
    '"x"',
    '42',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
  fc
    .record({
      source: fc.oneof(
        fc.constantFrom(...traversal).map(validSource),
        fc.record({
          kind: fc.constant('github'),
          owner: fc.constantFrom(...traversal, ...oddText, 'acme'),
          repo: fc.constantFrom(...traversal, ...oddText, '...'),
          pullNumber: weirdValue,
        }),
        weirdValue,
      ),
      decision: fc.oneof(fc.constantFrom('approve', 'reject', 'APPROVE', ''), weirdValue),
      approver: weirdValue,
      tier: weirdValue,
      repositories: fc.oneof(fc.array(fc.constantFrom(...traversal).map(validSource), { maxLength: 3 }), weirdValue),
      reason: weirdValue,
    })
    // Always one unknown field: the bodies above are invalid even where the rest happens to fit.
    .chain((body) => fc.tuple(fc.constant(body), fc.constantFrom('__proto__x', 'constructor', 'extra', '\u202e')))
    .map(([body, unknown]) => JSON.stringify({ ...body, [unknown]: 1 })),
  weirdValue.map((v) => JSON.stringify(v) ?? 'undefined'),
);

// Mostly the valid key and JSON, so that most requests get past authentication and content-type
// negotiation to the route's own validation; the rest try broken credentials and odd media types.
const mostly = <T>(usual: T, others: T[]): fc.Arbitrary<T> =>
  fc.oneof({ arbitrary: fc.constant(usual), weight: 3 }, { arbitrary: fc.constantFrom(...others), weight: 1 });

const badHeaders = fc.record(
  {
    authorization: mostly(auth, [
      'Bearer',
      'Basic dXNlcjpwYXNz',
      `Bearer ${'x'.repeat(9000)}`,
      'Bearer eyJ.a.b',
      'Bearer ../../etc',
      `bearer  ${testApiKey}x`,
    ]),
    'idempotency-key': fc.constantFrom('', ' ', 'é', 'a'.repeat(300), 'k\u0000', 'ok-key'),
    'content-type': mostly('application/json', [
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/json; charset=utf-16',
      'application/json; charset=../../x',
    ]),
    'x-hub-signature-256': fc.constantFrom('sha256=00', 'sha1=abc', '', `sha256=${'0'.repeat(64)}`),
    'x-github-event': fc.constantFrom('pull_request', 'ping', 'push', '../../x'),
  },
  { requiredKeys: ['authorization'] },
);

const invalidQuery = fc.oneof(
  fc.constantFrom(
    'pageSize=0',
    'pageSize=101',
    'pageSize=abc',
    'pageSize=1e3',
    'status=unknown',
    'repository=%27%20OR%201%3D1',
    // Found by schemathesis: a NUL reached Temporal's visibility query, which stalled for 20 s and answered 503.
    'repository=b%00x',
    'repository=b%1Fx&status=rejected',
    'pageToken=..%2F..',
    'pageToken=%00',
    'unknown=1',
    'status=running&status=queued&extra=1',
    '__proto__[x]=1',
  ),
  fc.constantFrom(...oddEncoded).map((e) => `repository=${e}&bogus=1`),
);

interface Operation {
  id: string;
  method: string;
  path: string;
  hasBody: boolean;
}

/** Every operation of the OpenAPI document the app generates: a new route is covered by itself. */
function operationsOf(doc: Json): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      operations.push({
        id: String(op.operationId ?? `${method} ${path}`),
        method: method.toUpperCase(),
        path,
        hasBody: method !== 'get',
      });
    }
  }
  return operations;
}

// Routes without inputs (probes, metrics) may answer 200 to anything; every other answer must be a
// 4xx problem, because every input generated here is invalid.
const inputless = new Set(['healthz', 'readyz', 'metrics']);
// Per route (PROPERTY_RUNS for a longer hunt); the file takes about 30 s on 2 cores, most of it
// the stack and one review.
const runs = Number(process.env.PROPERTY_RUNS ?? 60);

describe('every route refuses bad input with a 4xx problem, never a 5xx (property-based)', () => {
  let stack: TestStack;
  let repo: string;
  let stored: Json;
  let workflowsBefore: number;

  const countWorkflows = async () => (await stack.client.workflow.count()).count;

  before(async () => {
    stack = await startTestStack({
      app: {
        githubWebhook: { secret: webhookSecret, reviewDrafts: false },
        approvalLinks: { secret: 'property-approval-link-secret-0123456789' },
        // Nothing may hit the limits here except on purpose.
        rateLimit: { perMinute: 0 },
        requestTimeoutMs: 20_000,
      },
    });
    repo = createPlantedRepo();
    const started = await stack.app.inject({
      method: 'POST',
      url: '/reviews',
      headers: { authorization: auth },
      payload: { source: validSource(repo) },
    });
    assert.equal(started.statusCode, 202, started.body);
    const id = (started.json() as Json).id as string;
    for (let i = 0; ; i++) {
      stored = (
        await stack.app.inject({
          method: 'GET',
          url: `/reviews/${encodeURIComponent(id)}`,
          headers: { authorization: auth },
        })
      ).json();
      if (stored.status === 'completed') break;
      if (i > 300) assert.fail(`review stuck: ${JSON.stringify(stored).slice(0, 300)}`);
      await sleep(200);
    }
    // Visibility is eventually consistent: wait until it counts the review's workflow.
    for (let i = 0; i < 50 && (await countWorkflows()) < 1; i++) await sleep(100);
    workflowsBefore = await countWorkflows();
  });
  after(async () => {
    await stack?.stop();
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  it('answers every generated request to every documented route with a 4xx problem', async () => {
    const doc = (await stack.app.inject({ method: 'GET', url: '/openapi.json' })).json() as Json;
    const operations = operationsOf(doc);
    const ids = operations.map((o) => o.id);
    for (const known of [
      'startReview',
      'listReviews',
      'getReview',
      'decideApproval',
      'cancelReview',
      'watchReview',
      'startOrgReview',
      'getOrgReview',
      'showApprovalLink',
      'decideByApprovalLink',
      'receiveGitHubWebhook',
      'healthz',
      'readyz',
      'metrics',
    ]) {
      assert.ok(ids.includes(known), `the document lists ${known}`);
    }
    const exercised = new Map<string, number[]>();

    for (const operation of operations) {
      const params = [...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const request = fc.record({
        segments: fc.tuple(...params.map(() => pathSegment)),
        // A GET without path parameters has only its query to get wrong: always send a bad one.
        query:
          operation.method !== 'GET'
            ? fc.constant(undefined)
            : params.length === 0
              ? invalidQuery
              : fc.option(invalidQuery, { nil: undefined }),
        body: invalidJsonBody,
        headers: badHeaders,
        signBody: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ segments, query, body, headers, signBody }) => {
          let url = operation.path;
          params.forEach((name, i) => (url = url.replace(`{${name}}`, String(segments[i]))));
          // A query only for routes that have inputs: for a probe, a query is ignored and proves nothing.
          if (query !== undefined && !inputless.has(operation.id)) url += `?${query}`;
          const sent: Record<string, string> = { ...headers };
          // A correctly signed delivery gets past the signature check into the payload parsing.
          if (signBody && operation.id === 'receiveGitHubWebhook') {
            sent['x-hub-signature-256'] = `sha256=${createHmac('sha256', webhookSecret).update(body).digest('hex')}`;
            sent['x-github-event'] = 'pull_request';
          }
          const res = await stack.app.inject({
            method: operation.method as 'GET' | 'POST',
            url,
            headers: sent,
            ...(operation.hasBody ? { payload: body } : {}),
          });
          exercised.set(operation.id, [...(exercised.get(operation.id) ?? []), res.statusCode]);
          const what = `${operation.method} ${url.slice(0, 200)} ${JSON.stringify(sent).slice(0, 200)} body ${JSON.stringify(body.slice(0, 200))} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
          assert.ok(res.statusCode < 500, `5xx: ${what}`);
          if (inputless.has(operation.id) && res.statusCode < 300) return;
          assert.ok(res.statusCode >= 400, `accepted invalid input: ${what}`);
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/, what);
          const problem = res.json() as Json;
          assert.equal(problem.status, res.statusCode, what);
          assert.match(String(problem.type), /^https:\/\/reviewflow\.dev\/problems\//, what);
        }),
        { numRuns: runs, seed: Number(process.env.PROPERTY_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
      );
    }
    for (const operation of operations) {
      const statuses = exercised.get(operation.id) ?? [];
      assert.ok(statuses.length >= runs, `${operation.id} was exercised`);
      // Inputs that all stopped at authentication or the content type would test little.
      assert.ok(
        statuses.some((s) => s !== 401 && s !== 415),
        `${operation.id}: some requests reached the route (${statuses.join(' ')})`,
      );
    }
  });

  it('is still healthy afterwards, and nothing stored changed', async () => {
    assert.equal((await stack.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    assert.equal((await stack.app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);
    const again = (
      await stack.app.inject({
        method: 'GET',
        url: `/reviews/${encodeURIComponent(stored.id)}`,
        headers: { authorization: auth },
      })
    ).json();
    assert.deepEqual(again, stored);
    await sleep(1000);
    assert.equal(
      await countWorkflows(),
      workflowsBefore,
      'no workflow (review, run or idempotency record) was started',
    );
  });
});
