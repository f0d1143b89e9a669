import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { Chunk } from '@reviewflow/contract';
import { chatReply, patternReviewModel, startFakeOpenAi, type FakeOpenAi } from '@reviewflow/devkit';
import { OpenAiChatModel } from '../../src/llm/openai-chat-model.js';
import { LlmReviewer } from '../../src/review/llm-reviewer.js';
import { InvalidModelOutputError } from '../../src/review/review-findings-schema.js';
import { modelFinding } from '../support/model-finding.js';

const chunk: Chunk = {
  id: 'c0001',
  file: 'src/app.js',
  hunks: [
    {
      header: '@@ -1,2 +1,4 @@',
      lines: [
        { kind: 'context', text: 'const a = 1;', oldLine: 1, newLine: 1 },
        { kind: 'add', text: 'const password = "hunter2-very-secret";', newLine: 2 },
        { kind: 'add', text: 'eval(userInput);', newLine: 3 },
        { kind: 'del', text: 'old();', oldLine: 2 },
        { kind: 'context', text: 'done();', oldLine: 3, newLine: 4 },
      ],
    },
  ],
};
const related: Chunk = {
  id: 'c0002',
  file: 'src/other.js',
  hunks: [
    {
      header: '@@ -0,0 +1 @@',
      lines: [{ kind: 'add', text: 'export const apiToken = "ghp_' + 'a'.repeat(36) + '";', newLine: 1 }],
    },
  ],
};

const valid = (findings: unknown[]) => chatReply(JSON.stringify({ findings }), { prompt: 200, completion: 40 });

describe('LlmReviewer', () => {
  let server: FakeOpenAi | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const reviewer = (options = {}) =>
    new LlmReviewer(new OpenAiChatModel({ baseUrl: server!.baseUrl, model: 'fake', retryBaseDelayMs: 1 }), options);

  it('turns the model findings into findings on added lines, drops the rest and counts tokens', async () => {
    server = await startFakeOpenAi({ chat: patternReviewModel });
    const output = await reviewer().review(chunk, { related: [related] });
    assert.deepEqual(
      output.findings.map((f) => [f.file, f.line, f.rule, f.severity, f.suggestion]),
      [['src/app.js', 3, 'llm/security', 'high', 'Parse the input instead']],
    );
    assert.equal(output.findingsOutsideDiff, 1);
    assert.equal(output.modelCalls, 1);
    assert.ok((output.usage?.inputTokens ?? 0) > 0);
    assert.equal(output.usage?.outputTokens, 30);
  });

  it('redacts credential values of the chunk and its context before they leave, keeping names', async () => {
    server = await startFakeOpenAi({ chat: () => valid([]) });
    const output = await reviewer().review(chunk, { related: [related] });
    const sent = JSON.stringify(server.requests[0]?.body.messages);
    assert.doesNotMatch(sent, /hunter2-very-secret/);
    assert.doesNotMatch(sent, /ghp_a{36}/);
    assert.match(sent, /const password = \\"\[REDACTED\]\\"/);
    assert.match(sent, /apiToken = \\"\[REDACTED\]\\"/);
    assert.match(sent, /Related code from the same change/);
    assert.equal(output.redactions, 2);
  });

  it('re-asks after malformed JSON and schema-invalid answers, summing the tokens of every call', async () => {
    server = await startFakeOpenAi({
      chat: (_r, n) =>
        n === 1
          ? chatReply('not json {')
          : n === 2
            ? valid([modelFinding(3, { severity: 'catastrophic' })])
            : valid([modelFinding(3)]),
    });
    const output = await reviewer().review(chunk);
    assert.equal(output.modelCalls, 3);
    // 100 + 20 for the malformed answer, 200 + 40 for each of the other two.
    assert.deepEqual(output.usage, { inputTokens: 500, outputTokens: 100 });
    assert.deepEqual(
      output.findings.map((f) => f.line),
      [3],
    );
  });

  it('fails with InvalidModelOutputError after a bounded number of invalid answers', async () => {
    server = await startFakeOpenAi({ chat: () => chatReply('{"findings": "none"}') });
    const err = await reviewer({ maxInvalidOutputRetries: 1 })
      .review(chunk)
      .catch((e: unknown) => e);
    assert.ok(err instanceof InvalidModelOutputError);
    assert.match(err.message, /2 calls: model output has no "findings" array/);
    assert.deepEqual(err.spent, { usage: { inputTokens: 200, outputTokens: 40 }, modelCalls: 2, redactions: 1 });
    assert.equal(server.requests.length, 2);
  });

  it('treats an answer cut at the token limit as invalid', async () => {
    server = await startFakeOpenAi({
      chat: (_r, n) => (n === 1 ? chatReply('{"findi', undefined, 'length') : valid([])),
    });
    const output = await reviewer().review(chunk);
    assert.equal(output.modelCalls, 2);
  });

  it('skips the chunk without a call when the remaining token budget cannot pay for it', async () => {
    server = await startFakeOpenAi({ chat: () => valid([]) });
    const output = await reviewer({ maxOutputTokens: 500 }).review(chunk, { tokenBudgetRemaining: 400 });
    assert.equal(output.skipped, 'token-budget');
    assert.equal(output.modelCalls, 0);
    assert.equal(server.requests.length, 0);
  });
});

describe('LlmReviewer on servers without strict structured output', () => {
  let server: FakeOpenAi | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reviews through json_object on a llama-cpp-python server, and later chunks go straight to it', async () => {
    server = await startFakeOpenAi({ chat: patternReviewModel, responseFormats: 'llama-cpp-python' });
    const reviewer = new LlmReviewer(new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'fake' }));
    const first = await reviewer.review(chunk);
    assert.deepEqual(
      first.findings.map((f) => [f.line, f.rule]),
      [[3, 'llm/security']],
    );
    assert.equal(first.modelCalls, 1);
    assert.equal(server.requests.length, 2);
    const second = await reviewer.review(chunk);
    assert.equal(second.findings.length, 1);
    assert.equal(server.requests.length, 3);
    assert.equal((server.requests[2]?.body.response_format as { type?: string }).type, 'json_object');
  });

  it('reads findings wrapped in prose and a fence from a text-only server', async () => {
    server = await startFakeOpenAi({
      responseFormats: 'text-only',
      chat: () =>
        chatReply(
          'Here is my review of the chunk:\n```json\n' +
            JSON.stringify({ findings: [modelFinding(3)] }) +
            '\n```\nHope it helps!',
        ),
    });
    const reviewer = new LlmReviewer(new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'fake' }));
    const output = await reviewer.review(chunk);
    assert.deepEqual(
      output.findings.map((f) => f.line),
      [3],
    );
    assert.equal(server.requests.length, 3);
    assert.equal(server.requests[2]?.body.response_format, undefined);
  });
});
