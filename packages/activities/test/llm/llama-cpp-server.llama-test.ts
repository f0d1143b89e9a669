/**
 * OpenAiChatModel and LlmReviewer against a real third-party server: llama-cpp-python's
 * OpenAI-compatible server, which refuses `json_schema` (HTTP 500, "Input should be 'text' or
 * 'json_object'") and constrains `json_object` output to the schema sent beside it.
 *
 * Not part of `npm test` (the name does not end in `.test.ts`): it needs a llama-cpp-python venv
 * (installed on first use under ~/.cache/reviewflow, from a wheel built there once, about 20 min)
 * and a GGUF model, from REVIEWFLOW_TEST_GGUF or the SmolLM2-135M default below. Run it with
 *
 *   node --conditions=reviewflow-source --import tsx --test --test-reporter=spec \
 *     packages/activities/test/llm/llama-cpp-server.llama-test.ts
 * or simply `npm run test:llama-server`.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Chunk } from '@reviewflow/contract';
import { startLlamaCppServer, type LlamaCppServer } from '@reviewflow/devkit';
import type { ChatCompletion, ChatModel, ChatRequest } from '../../src/llm/chat-model.js';
import { OpenAiChatModel } from '../../src/llm/openai-chat-model.js';
import { LlmReviewer } from '../../src/review/llm-reviewer.js';

// npm run test:llama-server fetches SmolLM2-135M and sets this.
const modelFile = process.env.REVIEWFLOW_TEST_GGUF ?? '';

const chunk: Chunk = {
  id: 'c0001',
  file: 'src/app.js',
  hunks: [
    {
      header: '@@ -1,2 +1,4 @@',
      lines: [
        { kind: 'context', text: 'const input = readRequest();', oldLine: 1, newLine: 1 },
        { kind: 'add', text: 'const result = eval(input.expression);', newLine: 2 },
        { kind: 'add', text: 'document.body.innerHTML = result;', newLine: 3 },
        { kind: 'context', text: 'done();', oldLine: 2, newLine: 4 },
      ],
    },
  ],
};

/** A ChatModel that passes calls on and keeps every completion, to see which mode each call used. */
class RecordingChatModel implements ChatModel {
  readonly completions: ChatCompletion[] = [];
  constructor(private readonly inner: ChatModel) {}
  get info() {
    return this.inner.info;
  }
  async complete(request: ChatRequest): Promise<ChatCompletion> {
    const completion = await this.inner.complete(request);
    this.completions.push(completion);
    return completion;
  }
}

describe('OpenAiChatModel against a real llama-cpp-python server', () => {
  let server: LlamaCppServer | undefined;
  const chatModel = () =>
    new OpenAiChatModel({ baseUrl: server!.baseUrl, model: server!.model, timeoutMs: 180_000, maxRetries: 1 });

  before(
    async () => {
      // Fail at once with what is missing, before any install or build starts.
      if (!existsSync(modelFile)) {
        throw new Error(
          `GGUF model "${modelFile}" does not exist: run this test with npm run test:llama-server (it fetches SmolLM2-135M), or set REVIEWFLOW_TEST_GGUF to a GGUF file`,
        );
      }
      server = await startLlamaCppServer({
        model: modelFile,
        // One thread: on 2 shared cores, next to other tests, ggml's two spinning threads fell to
        // 4 tokens/s (one descheduled, the other waiting on it); one thread kept 37 tokens/s.
        threads: 1,
        log: (line) => console.error(`[llama-cpp-python] ${line}`),
      });
      console.error(`[llama-cpp-python] serving ${server.model} at ${server.baseUrl}`);
    },
    // Long enough for a first-time wheel build (about 20 minutes on 2 cores) and install.
    { timeout: 70 * 60_000 },
  );
  after(async () => {
    await server?.stop();
  });

  it('is refused json_schema and falls back to json_object, which it remembers', { timeout: 5 * 60_000 }, async () => {
    const model = chatModel();
    assert.equal(model.structuredOutput, 'json_schema');
    const schema = {
      type: 'object',
      additionalProperties: false,
      required: ['answer'],
      properties: { answer: { type: 'string' } },
    };
    const request: ChatRequest = {
      messages: [
        { role: 'system', content: 'You answer questions briefly.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
      jsonSchema: { name: 'answer', schema },
      maxOutputTokens: 64,
    };
    const first = await model.complete(request);
    console.error(`[llama-cpp-python] json_object answer: ${first.content}`);
    assert.equal(first.structuredOutput, 'json_object');
    assert.equal(model.structuredOutput, 'json_object');
    const parsed = JSON.parse(first.content) as { answer?: unknown };
    assert.equal(typeof parsed.answer, 'string');
    assert.ok((first.usage?.inputTokens ?? 0) > 0);

    const second = await model.complete(request);
    assert.equal(second.structuredOutput, 'json_object');
  });

  it('runs an LlmReviewer review whose answer parses', { timeout: 10 * 60_000 }, async () => {
    const model = new RecordingChatModel(chatModel());
    const reviewer = new LlmReviewer(model, { maxOutputTokens: 512 });
    const output = await reviewer.review(chunk);
    for (const completion of model.completions) {
      console.error(`[llama-cpp-python] review answer (${completion.finishReason}): ${completion.content}`);
    }
    assert.ok(model.completions.length >= 1);
    assert.ok(model.completions.every((c) => c.structuredOutput === 'json_object'));
    assert.equal(output.modelCalls, model.completions.length);
    assert.ok(Array.isArray(output.findings));
    for (const finding of output.findings) {
      assert.equal(finding.file, 'src/app.js');
      assert.ok(finding.line === 2 || finding.line === 3, `finding on line ${finding.line}, not an added line`);
      assert.match(finding.rule, /^llm\//);
    }
    assert.ok((output.usage?.inputTokens ?? 0) > 0);
  });
});
