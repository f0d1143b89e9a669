import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { LlmReviewer, OpenAiChatModel, OpenAiEmbedder, apiKeyFromValue } from '@reviewflow/activities';
import { TaskQueue, type ReviewReport, type ReviewInput } from '@reviewflow/contract';
import { chatReply, createGitRepo, patternReviewModel, startFakeOpenAi, type FakeOpenAi } from '@reviewflow/devkit';
import { WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { gitSource } from '../support/git-source.js';
import { startReviewWorkers } from '../support/review-workers.js';
import { startTimeSkippingEnv } from '../support/test-environments.js';

/** A change with a risky line, a hard-coded credential, related code, and files that must be skipped. */
function aiRepo(): string {
  return createGitRepo([
    { 'README.md': 'x\n' },
    {
      '.reviewflow.yml': 'exclude:\n  - "docs/**"\n',
      'src/app.js': [
        'import { parseOrder } from "./orders.js";',
        'const apiPassword = "Sup3r-S3cret-Value-42";',
        'export function handle(userInput) {',
        '  const order = parseOrder(userInput);',
        '  return eval(userInput);',
        '}',
        '',
      ].join('\n'),
      'src/orders.js': 'export function parseOrder(text) {\n  return JSON.parse(text).order;\n}\n',
      'docs/guide.md': '# Guide\n\nHow to order.\n',
      'vendor/lib.js': 'eval("vendored");\n',
      'package-lock.json': '{"lockfileVersion": 3}\n',
    },
  ]);
}

let ids = 0;
const nextId = (name: string) => `test-ai-${name}-${Date.now()}-${ids++}`;

/** The innermost cause of a failed workflow, which carries the activity's or workflow's failure type. */
function rootCause(err: unknown): { type?: string; message?: string } {
  let inner: unknown = err;
  while (inner instanceof Error && inner.cause) inner = inner.cause;
  return inner as { type?: string; message?: string };
}

describe('reviewPullRequest with OpenAI-compatible models (loopback server, time-skipping Temporal)', () => {
  let env: TestWorkflowEnvironment;
  let server: FakeOpenAi | undefined;
  before(async () => {
    env = await startTimeSkippingEnv();
  });
  after(async () => {
    await env?.teardown();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const modelWorkers = (s: FakeOpenAi) =>
    startReviewWorkers(env.nativeConnection, {
      reviewer: new LlmReviewer(
        new OpenAiChatModel({
          baseUrl: s.baseUrl,
          model: 'fake-reviewer',
          apiKey: apiKeyFromValue('sk-test'),
          retryBaseDelayMs: 1,
        }),
      ),
      embedder: new OpenAiEmbedder({
        baseUrl: s.baseUrl,
        model: 'fake-embedder',
        dimensions: 64,
        apiKey: apiKeyFromValue('sk-test'),
      }),
    });
  const run = async (workers: Awaited<ReturnType<typeof startReviewWorkers>>, input: ReviewInput) =>
    workers.runUntil(async () => {
      const handle = await env.client.workflow.start('reviewPullRequest', {
        taskQueue: TaskQueue.cpu,
        workflowId: nextId('review'),
        args: [input],
      });
      const result: { report?: ReviewReport; error?: unknown } = await handle.result().then(
        (report) => ({ report: report as ReviewReport }),
        (error: unknown) => ({ error }),
      );
      const history = await handle.fetchHistory();
      const attempts = (history.events ?? [])
        .map((e) => e.activityTaskStartedEventAttributes?.attempt)
        .filter((a): a is number => a !== undefined && a !== null);
      return { ...result, attempts };
    });

  it('reports findings of the model, with redaction, retrieval, token counts and typed coverage', async () => {
    server = await startFakeOpenAi({ chat: patternReviewModel, dimensions: 64, apiKey: 'sk-test' });
    const { report, error } = await run(await modelWorkers(server), { source: gitSource(aiRepo()) });
    assert.equal(error, undefined);
    assert.ok(report);
    assert.equal(report.reviewer.offline, false);
    assert.equal(report.reviewer.name, 'llm-fake-reviewer');
    assert.equal(report.embedder.offline, false);
    assert.equal(report.embedder.name, 'fake-embedder');
    assert.deepEqual(
      report.findings.map((f) => [f.file, f.line, f.rule]),
      [['src/app.js', 5, 'llm/security']],
    );
    assert.ok(report.ai);
    assert.ok(report.ai.tokens.inputTokens > 0);
    assert.equal(report.ai.tokens.outputTokens, 30 * report.ai.modelCalls);
    assert.equal(report.ai.redactions >= 1, true, 'the hard-coded password was redacted');
    assert.equal(
      report.ai.findingsOutsideDiff,
      report.ai.modelCalls,
      'the fake model always adds one off-diff finding',
    );
    const reasons = Object.fromEntries(report.coverage.files.map((f) => [f.file, f.reason ?? f.status]));
    assert.equal(reasons['docs/guide.md'], 'excluded');
    assert.equal(reasons['vendor/lib.js'], 'vendored');
    assert.equal(reasons['package-lock.json'], 'lockfile');
    assert.equal(report.coverage.ratio, 1);

    const chats = server.requests.filter((r) => r.path === '/v1/chat/completions');
    const sent = JSON.stringify(server.requests.map((r) => r.body));
    assert.doesNotMatch(sent, /Sup3r-S3cret-Value-42/, 'no credential value left for a model');
    assert.ok(chats.every((r) => (r.body.response_format as { type?: string }).type === 'json_schema'));
    assert.ok(
      chats.some((r) => JSON.stringify(r.body.messages).includes('Related code from the same change')),
      'chunks got related chunks as context',
    );
  });

  it('runs the same review with the offline default, which says so', async () => {
    const { report } = await run(await startReviewWorkers(env.nativeConnection), { source: gitSource(aiRepo()) });
    assert.ok(report);
    assert.equal(report.reviewer.offline, true);
    assert.match(report.reviewer.description, /offline default/);
    assert.match(report.embedder.description, /offline default/);
    assert.deepEqual(report.ai?.tokens, { inputTokens: 0, outputTokens: 0 });
    assert.ok(report.findings.some((f) => f.rule.startsWith('secret/')));
  });

  it('fails with ModelOutputInvalid, not retried, when the model keeps answering outside the schema', async () => {
    server = await startFakeOpenAi({ chat: () => chatReply('{"findings": [{"file": 1}]}'), apiKey: 'sk-test' });
    const { error, attempts } = await run(await modelWorkers(server), {
      source: gitSource(aiRepo()),
      maxParallelChunks: 1,
    });
    assert.ok(error instanceof WorkflowFailedError);
    assert.equal(rootCause(error).type, 'ModelOutputInvalid');
    assert.ok(
      attempts.every((a) => a === 1),
      'the failing reviewChunk ran once',
    );
    // Three calls per chunk: the first answer and two re-asks.
    assert.equal(server.requests.filter((r) => r.path === '/v1/chat/completions').length, 3);
  });

  it('retries a model server that keeps failing with 500 in a later activity attempt and completes', async () => {
    server = await startFakeOpenAi({
      chat: (request, n) =>
        n <= 3 ? { status: 500, body: { error: { message: 'overloaded' } } } : patternReviewModel(request, n),
      dimensions: 64,
      apiKey: 'sk-test',
    });
    const { report, attempts } = await run(await modelWorkers(server), {
      source: gitSource(aiRepo()),
      maxParallelChunks: 1,
    });
    assert.equal(report?.outcome, 'completed');
    assert.equal(
      Math.max(...attempts),
      2,
      'one reviewChunk failed its first attempt (3 requests) and passed its second',
    );
  });

  it('stops calling the model when the token budget is spent and reports the reduced coverage', async () => {
    server = await startFakeOpenAi({ chat: patternReviewModel, dimensions: 64, apiKey: 'sk-test' });
    const { report } = await run(await modelWorkers(server), {
      source: gitSource(aiRepo()),
      maxParallelChunks: 1,
      tokenBudget: 1,
    });
    assert.ok(report?.ai);
    assert.equal(report.ai.budgetExhausted, true);
    assert.ok(report.ai.chunksSkippedForBudget >= 1);
    assert.ok((report.coverage.ratio ?? 1) < 1);
    assert.ok(report.coverage.files.some((f) => f.reason === 'token-budget'));
  });

  it('fails with CoverageBelowMinimum when the request demands more coverage than the budget allows', async () => {
    server = await startFakeOpenAi({ chat: patternReviewModel, dimensions: 64, apiKey: 'sk-test' });
    const { error } = await run(await modelWorkers(server), {
      source: gitSource(aiRepo()),
      tokenBudget: 1,
      minCoverage: 0.9,
    });
    assert.ok(error instanceof WorkflowFailedError);
    assert.equal(rootCause(error).type, 'CoverageBelowMinimum');
  });
});
