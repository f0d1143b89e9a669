import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { addCommit } from '@reviewflow/devkit';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';

const auth = { authorization: `Bearer ${testApiKey}` };
type Json = Record<string, any>;

/** The value of one sample in Prometheus text format, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('API metrics and review log context against a real Temporal dev server', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let repo: string;
  const logLines: Json[] = [];

  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Json };
  };
  const metrics = async (): Promise<string> => (await app.inject({ method: 'GET', url: '/metrics' })).body;
  const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
      await sleep(200);
    }
  };

  before(async () => {
    const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
    stack = await startTestStack({ callMetrics: true, deps: { logger } });
    app = stack.app;
    repo = stack.plantedRepo();
  });
  after(async () => {
    await stack?.stop();
  });

  it('counts Temporal calls by method, failed calls by status code, and keeps route templates', async () => {
    const started = await call('POST', '/reviews', {
      source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' },
    });
    assert.equal(started.status, 202);
    const missing = await call('GET', '/reviews/review:git:nothing-here');
    assert.equal(missing.status, 404);

    const text = await metrics();
    assert.ok((sample(text, 'reviewflow_temporal_client_calls_total', { method: 'StartWorkflowExecution' }) ?? 0) >= 1);
    // A new review answers without describe() (44f583b), and GET asks the progress query first:
    // the query is the unknown review's.
    assert.ok((sample(text, 'reviewflow_temporal_client_calls_total', { method: 'QueryWorkflow' }) ?? 0) >= 1);
    assert.ok(
      (sample(text, 'reviewflow_temporal_client_errors_total', {
        method: 'QueryWorkflow',
        code: 'NOT_FOUND',
      }) ?? 0) >= 1,
      'the query of an unknown review failed with NOT_FOUND',
    );
    assert.equal(
      sample(text, 'reviewflow_temporal_client_errors_total', { method: 'StartWorkflowExecution' }),
      undefined,
      'a successful start is no error',
    );
    assert.ok(
      sample(text, 'reviewflow_http_request_duration_seconds_count', { route: '/reviews/:id', status_code: '404' }),
    );
    assert.ok(!text.includes('nothing-here'), 'no raw URL or id in any label');
    assert.equal(sample(text, 'reviewflow_reviews_started_total', { source_kind: 'git', outcome: 'created' }), 1);
  });

  it('reports reviews awaiting approval from Temporal visibility and counts approvals by decision', async () => {
    addCommit(repo, { 'src/gate.js': 'console.log("gate");\n' });
    const started = await call('POST', '/reviews', {
      source: { kind: 'git', path: repo, base: 'HEAD~1', head: 'HEAD' },
      approval: { required: true },
    });
    assert.equal(started.status, 202);
    // Visibility is eventually consistent: the gauge follows within moments.
    await until('the review awaiting approval in the gauge', async () =>
      sample(await metrics(), 'reviewflow_reviews_open', { status: 'awaiting_approval' }) === 1 ? true : undefined,
    );
    const decided = await call('POST', `/reviews/${started.body.id}/approval`, { decision: 'approve' });
    assert.equal(decided.status, 200);
    const text = await until('no review awaiting approval', async () => {
      const text = await metrics();
      return sample(text, 'reviewflow_reviews_open', { status: 'awaiting_approval' }) === 0 ? text : undefined;
    });
    assert.equal(sample(text, 'reviewflow_approvals_total', { decision: 'approve' }), 1);
    assert.ok(
      (sample(text, 'reviewflow_temporal_client_calls_total', { method: 'CountWorkflowExecutions' }) ?? 0) >= 3,
    );
    assert.ok(
      (sample(text, 'reviewflow_temporal_client_calls_total', { method: 'UpdateWorkflowExecution' }) ?? 0) >= 1,
    );

    // Every line of a request about the review names it, next to the request id.
    const approvalLines = logLines.filter(
      (l) => l.req?.url === `/reviews/${started.body.id}/approval` || l.msg === 'approval recorded',
    );
    const recorded = logLines.find((l) => l.msg === 'approval recorded');
    assert.ok(recorded, 'the approval is logged');
    assert.equal(recorded.reviewId, started.body.id);
    assert.equal(recorded.workflowId, started.body.id);
    assert.equal(recorded.decision, 'approve');
    assert.ok(recorded.reqId);
    const completed = logLines.find((l) => l.msg === 'request completed' && l.reqId === recorded.reqId);
    assert.ok(completed, JSON.stringify(approvalLines));
    assert.equal(completed.reviewId, started.body.id);
    assert.equal(completed.workflowId, started.body.id);
  });
});
