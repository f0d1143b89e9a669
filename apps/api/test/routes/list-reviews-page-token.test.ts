import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';
import { reviewWorkflowType } from '@reviewflow/contract';
import type { FastifyInstance } from 'fastify';
import { ProblemType } from '../../src/http-problem.js';
import { wrapListPageToken } from '../../src/reviews/list-page-token.js';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';

const auth = { authorization: `Bearer ${testApiKey}` };
// No worker polls it: the workflows stay running and listed, and nothing else happens to them.
const idleQueue = 'list-page-token-test-idle';

describe('GET /reviews page tokens against a real Temporal dev server', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  // Every ListWorkflowExecutions attempt that reaches the wire, retries included: this interceptor
  // sits inside the API's retry interceptor, which the connection gets as server.ts gives it.
  let listAttempts = 0;
  const countAttempts: Interceptor = (options, nextCall) => {
    if (options.method_definition.path.endsWith('/ListWorkflowExecutions')) listAttempts += 1;
    return new InterceptingCall(nextCall(options));
  };

  before(async () => {
    stack = await startTestStack({ workers: false, callMetrics: true, interceptors: [countAttempts] });
    app = stack.app;
    for (const n of [1, 2, 3]) {
      await stack.client.workflow.start(reviewWorkflowType, {
        workflowId: `review:git:page-token-${n}@a..b`,
        taskQueue: idleQueue,
        args: [{}],
      });
    }
  });

  after(async () => {
    await stack?.stop();
  });

  const list = async (query: string) => {
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url: `/reviews?${query}`, headers: auth });
    return { res, ms: performance.now() - started };
  };
  it('pages through every review with the tokens it hands out', async () => {
    const seen = new Set<string>();
    let token: string | undefined;
    // Visibility of a fresh start may lag a little behind the start itself.
    for (let round = 0; round < 50 && seen.size < 3; round += 1) {
      seen.clear();
      token = undefined;
      do {
        const { res } = await list(`pageSize=1${token ? `&pageToken=${token}` : ''}`);
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json() as { reviews: { id: string }[]; nextPageToken?: string };
        for (const review of body.reviews) seen.add(review.id);
        token = body.nextPageToken;
      } while (token);
      if (seen.size < 3) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(seen.size, 3);
  });

  it('answers a token it did not issue with a 400 problem at once, without asking Temporal', async () => {
    const { res: first } = await list('pageSize=1');
    const issued = (first.json() as { nextPageToken?: string }).nextPageToken;
    assert.ok(issued, 'three reviews and pages of one: there is a next page');
    const tampered = `${issued.slice(0, -2)}${issued.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [
      'notatoken',
      'A'.repeat(24),
      tampered,
      issued.slice(0, -4),
      // Another filter than the token was issued for.
      `${issued}&status=queued`,
      `${issued}&repository=acme%2Fapi`,
    ]) {
      listAttempts = 0;
      const { res, ms } = await list(`pageSize=1&pageToken=${bad}`);
      assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      // Too short for the documented schema, or no token of ours: a validation problem either way.
      assert.equal(res.json().type, ProblemType.validation);
      assert.equal(listAttempts, 0, `${bad}: Temporal was asked`);
      assert.ok(ms < 1000, `${bad}: took ${Math.round(ms)} ms`);
    }
  });

  it('answers a well-checksummed token Temporal cannot read with a 400 after one attempt, no retries', async () => {
    // What a deliberate forgery looks like: the checksum is no secret, Temporal refuses the content
    // (the dev server answers UNKNOWN, which the SDK would retry for ~18 s).
    const forged = wrapListPageToken({}, Buffer.from('notatoken, not JSON'));
    listAttempts = 0;
    const { res, ms } = await list(`pageToken=${forged}`);
    assert.equal(res.statusCode, 400, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.equal(listAttempts, 1, 'Temporal asked once');
    assert.ok(ms < 2000, `took ${Math.round(ms)} ms`);
  });
});
