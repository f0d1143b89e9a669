import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { addCommit } from '@reviewflow/devkit';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import {
  ReviewSearchAttribute,
  TaskQueue,
  orgReviewWorkflowType,
  reviewRepository,
  reviewWorkflowId,
  reviewWorkflowType,
  tierTaskQueue,
  type GitSource,
  type ReviewInput,
} from '@reviewflow/contract';
import { NativeConnection } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { reviewStatusOf } from '../../src/reviews/review-status-of.js';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';

const auth = { authorization: `Bearer ${testApiKey}` };
type Json = Record<string, any>;
// Short, so the tests of reviews no worker answers for stay short; far above a query's usual ms.
const queryTimeoutMs = 1500;

/** `reviewflow_temporal_client_calls_total` (or `_errors_total`) by its labels, from /metrics text. */
function counters(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\} (\S+)$/.exec(line);
    if (match && match[1] === name) found.set(match[2]!, Number(match[3]));
  }
  return found;
}

/** The counters that grew between two scrapes, and by how much. */
function grown(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [labels, value] of after) {
    const by = value - (before.get(labels) ?? 0);
    if (by !== 0) delta[labels] = by;
  }
  return delta;
}

describe('loadReview (GET /reviews/:id) against a real Temporal dev server', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let repo: string;

  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() as Json };
  };
  const scrape = async () => {
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    return {
      calls: counters(text, 'reviewflow_temporal_client_calls_total'),
      errors: counters(text, 'reviewflow_temporal_client_errors_total'),
    };
  };
  // The Temporal calls one GET makes. A scrape counts open reviews through visibility
  // (CountWorkflowExecutions), so those calls are the scrape's own, not the GET's.
  const temporalCallsOf = async (url: string) => {
    const start = await scrape();
    const startedAt = performance.now();
    const answer = await call('GET', url);
    const elapsedMs = performance.now() - startedAt;
    const end = await scrape();
    const calls = grown(start.calls, end.calls);
    delete calls['method="CountWorkflowExecutions"'];
    return { ...answer, elapsedMs, calls, errors: grown(start.errors, end.errors) };
  };
  // What POST /reviews would start, but on a task queue of the caller's choice.
  const startOn = async (taskQueue: string, input: ReviewInput): Promise<string> => {
    const id = reviewWorkflowId(input.source);
    await stack.client.workflow.start(reviewWorkflowType, {
      taskQueue,
      workflowId: id,
      args: [input],
      memo: { source: input.source },
      typedSearchAttributes: [
        { key: ReviewSearchAttribute.repository, value: reviewRepository(input.source) },
        { key: ReviewSearchAttribute.status, value: 'queued' },
      ],
    });
    return id;
  };
  const headSource = (): GitSource => {
    const [base, head] = execFileSync('git', ['rev-parse', 'HEAD~1', 'HEAD'], { cwd: repo, encoding: 'utf8' })
      .trim()
      .split('\n');
    return { kind: 'git', path: realpathSync(repo), base: base!, head: head! };
  };

  before(async () => {
    stack = await startTestStack({ callMetrics: true, app: { queryTimeoutMs } });
    app = stack.app;
    repo = stack.plantedRepo();
  });
  after(async () => {
    await stack?.stop();
  });

  it('answers a running review with one Temporal call, the progress query, and shows what describe() says', async () => {
    const started = await call('POST', '/reviews', {
      source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' },
      approval: { required: true },
    });
    assert.equal(started.status, 202);
    const id: string = started.body.id;
    await stack.waitFor(id, (r) => r.status === 'awaiting_approval');

    const got = await temporalCallsOf(`/reviews/${encodeURIComponent(id)}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.calls, { 'method="QueryWorkflow"': 1 }, 'one call: the progress query, no describe()');
    assert.deepEqual(got.errors, {});
    assert.equal(got.body.status, 'awaiting_approval');
    assert.equal(got.body.stage, 'awaiting_approval');
    assert.equal(got.body.approval.state, 'waiting');
    assert.equal(got.body.progressAvailable, true);
    assert.ok(got.body.counts.chunks > 0 && got.body.findings.length > 0, JSON.stringify(got.body.counts));

    // The fields describe() used to give come out the same from the query's answer.
    const description = await stack.client.workflow.getHandle(id).describe();
    assert.equal(got.body.createdAt, description.startTime.toISOString());
    assert.equal(
      got.body.status,
      reviewStatusOf(description.status.name, description.typedSearchAttributes.get(ReviewSearchAttribute.status)),
    );
    assert.equal(got.body.repository, description.typedSearchAttributes.get(ReviewSearchAttribute.repository));
    assert.deepEqual(got.body.source, (description.memo as Json).source);
    assert.deepEqual(got.body.source, started.body.source);
    assert.equal(got.body.closedAt, undefined);

    // Once it ended, Temporal rejects the query without a worker and the result is read instead.
    const decided = await call('POST', `/reviews/${encodeURIComponent(id)}/approval`, { decision: 'approve' });
    assert.equal(decided.status, 200);
    await stack.waitFor(id, (r) => r.status === 'completed');
    const done = await temporalCallsOf(`/reviews/${encodeURIComponent(id)}`);
    assert.equal(done.status, 200);
    assert.equal(done.body.status, 'completed');
    assert.equal(done.body.stage, 'completed');
    assert.equal(done.body.createdAt, got.body.createdAt);
    assert.ok(done.body.closedAt >= done.body.createdAt);
    assert.equal(done.body.approval.decision.decision, 'approve');
    assert.ok(done.body.findings.some((f: Json) => f.file === 'src/app.js'));
    assert.equal(done.calls['method="QueryWorkflow"'], 1);
    assert.equal(done.calls['method="DescribeWorkflowExecution"'], 1);
    assert.ok((done.calls['method="GetWorkflowExecutionHistory"'] ?? 0) >= 1, JSON.stringify(done.calls));
    assert.deepEqual(done.errors, {}, 'a rejected query is an answer, not an error');
  });

  it('answers an unknown id with a 404 problem after the query alone', async () => {
    const got = await temporalCallsOf('/reviews/review:git:nothing-here');
    assert.equal(got.status, 404);
    assert.match(got.type, /^application\/problem\+json/);
    assert.equal(got.body.status, 404);
    assert.deepEqual(got.calls, { 'method="QueryWorkflow"': 1 });
    assert.deepEqual(got.errors, { 'method="QueryWorkflow",code="NOT_FOUND"': 1 });
  });

  it('answers the id of another workflow type with a 404 problem, after its worker refused the query', async () => {
    addCommit(repo, { 'src/org.js': 'export const o = 1;\n' });
    // An organisation run on the stack's worker whose child waits on a tier queue nobody serves,
    // so the run stays open and its worker answers queries: it has no progress query.
    const id = 'org-run:load-review-test';
    const handle = await stack.client.workflow.start(orgReviewWorkflowType, {
      taskQueue: TaskQueue.cpu,
      workflowId: id,
      args: [{ org: 'acme', tier: 'enterprise', repositories: [headSource()] }],
    });
    try {
      await handle.query('orgProgress');
      const got = await temporalCallsOf(`/reviews/${encodeURIComponent(id)}`);
      assert.equal(got.status, 404);
      assert.match(got.type, /^application\/problem\+json/);
      assert.deepEqual(got.calls, { 'method="QueryWorkflow"': 1, 'method="DescribeWorkflowExecution"': 1 });
      assert.deepEqual(got.errors, { 'method="QueryWorkflow",code="INVALID_ARGUMENT"': 1 });
    } finally {
      await handle.terminate('test done');
    }
  });

  it('answers a queued review no worker takes within the query timeout, from describe()', async () => {
    addCommit(repo, { 'src/queued.js': 'export const q = 1;\n' });
    const source = headSource();
    // No worker serves the enterprise tier here: the first workflow task is never taken, and
    // Temporal holds a query to such a workflow until that task completes.
    const id = await startOn(tierTaskQueue('enterprise'), { source });
    const got = await temporalCallsOf(`/reviews/${encodeURIComponent(id)}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.status, 'queued');
    assert.equal(got.body.progressAvailable, false);
    assert.equal(got.body.repository, reviewRepository(source));
    assert.deepEqual(got.body.source, source);
    assert.ok(got.elapsedMs >= queryTimeoutMs - 50, `waited for the query: ${got.elapsedMs} ms`);
    assert.ok(got.elapsedMs < queryTimeoutMs + 2000, `bounded by the query timeout: ${got.elapsedMs} ms`);
    assert.deepEqual(got.calls, { 'method="QueryWorkflow"': 1, 'method="DescribeWorkflowExecution"': 1 });
    await stack.client.workflow.getHandle(id).terminate('test done');
  });

  it('answers a running review whose workers are all gone within the query timeout, without progress', async () => {
    addCommit(repo, { 'src/orphan.js': 'console.log("orphan");\n' });
    const source = headSource();
    // A worker of its own for the pro tier, which can be stopped while the stack's workers run on.
    const workerConnection = await NativeConnection.connect({ address: stack.server.address });
    const [worker] = await createCpuWorkers(
      loadCpuWorkerConfig({
        TEMPORAL_ADDRESS: stack.server.address,
        REVIEWFLOW_DATA_DIR: stack.dataDir,
        SERVED_TIERS: 'pro',
      }),
      workerConnection,
    );
    const running = worker!.run();
    let id: string;
    let waiting: Json;
    try {
      id = await startOn(tierTaskQueue('pro'), { source, approval: { required: true } });
      waiting = await stack.waitFor(id, (r) => r.status === 'awaiting_approval');
      assert.equal(waiting.progressAvailable, true);
    } finally {
      worker!.shutdown();
      await running;
      await workerConnection.close();
    }

    const got = await temporalCallsOf(`/reviews/${encodeURIComponent(id)}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.status, 'awaiting_approval');
    assert.equal(got.body.progressAvailable, false);
    assert.equal(got.body.createdAt, waiting.createdAt);
    assert.equal(got.body.stage, undefined);
    assert.ok(got.elapsedMs < queryTimeoutMs + 2000, `bounded by the query timeout: ${got.elapsedMs} ms`);
    assert.deepEqual(got.calls, { 'method="QueryWorkflow"': 1, 'method="DescribeWorkflowExecution"': 1 });
    await stack.client.workflow.getHandle(id).terminate('test done');
  });
});
