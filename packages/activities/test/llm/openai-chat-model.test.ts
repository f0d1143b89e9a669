import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { chatReply, startFakeOpenAi, type FakeOpenAi, type FakeOpenAiRequest } from '@reviewflow/devkit';
import { apiKeyFromFile, apiKeyFromValue } from '../../src/llm/api-key-source.js';
import { ModelHttpError } from '../../src/llm/model-http-error.js';
import { OpenAiChatModel } from '../../src/llm/openai-chat-model.js';

const schema = { name: 's', schema: { type: 'object', properties: {}, additionalProperties: false, required: [] } };
const ask = { messages: [{ role: 'user' as const, content: 'hi' }], jsonSchema: schema };

describe('OpenAiChatModel against a loopback OpenAI-compatible server', () => {
  let server: FakeOpenAi | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends model, messages and a strict json_schema response_format, and reads content and usage', async () => {
    server = await startFakeOpenAi({
      chat: () => chatReply('{"a":1}', { prompt: 11, completion: 7 }),
      apiKey: 'k-123',
    });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm1', apiKey: apiKeyFromValue('k-123') });
    const answer = await model.complete({ ...ask, maxOutputTokens: 50 });
    assert.deepEqual(answer, {
      content: '{"a":1}',
      finishReason: 'stop',
      usage: { inputTokens: 11, outputTokens: 7 },
      structuredOutput: 'json_schema',
    });
    const [request] = server.requests;
    assert.equal(request?.path, '/v1/chat/completions');
    assert.equal(request?.authorization, 'Bearer k-123');
    assert.equal(request?.body.model, 'm1');
    assert.equal(request?.body.max_tokens, 50);
    assert.deepEqual(request?.body.response_format, {
      type: 'json_schema',
      json_schema: { name: 's', strict: true, schema: schema.schema },
    });
    assert.equal(model.info.offline, false);
    assert.equal(server.requests.length, 1);
  });

  it('sends no Authorization header when the key source has none, and no response_format without a schema', async () => {
    server = await startFakeOpenAi({ chat: () => chatReply('hello') });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm', apiKey: apiKeyFromValue(undefined) });
    const answer = await model.complete({ messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(answer.content, 'hello');
    assert.equal(answer.structuredOutput, undefined);
    const [request] = server.requests;
    assert.equal(request?.authorization, undefined);
    assert.equal(request?.body.response_format, undefined);
  });

  it('reads the API key from a file on every request, so a rotated secret is used without a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'reviewflow-key-')), 'key');
    writeFileSync(file, 'first\n');
    server = await startFakeOpenAi({ chat: () => chatReply('{}') });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm', apiKey: apiKeyFromFile(file) });
    await model.complete(ask);
    writeFileSync(file, 'second\n');
    await model.complete(ask);
    assert.deepEqual(
      server.requests.map((r) => r.authorization),
      ['Bearer first', 'Bearer second'],
    );
  });

  it('retries 429 (honouring Retry-After) and 5xx, then succeeds', async () => {
    server = await startFakeOpenAi({
      chat: (_req, n) =>
        n === 1
          ? { status: 429, headers: { 'retry-after-ms': '50' }, body: { error: { message: 'rate limited' } } }
          : n === 2
            ? { status: 503, body: 'upstream down' }
            : chatReply('{}'),
    });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm', retryBaseDelayMs: 10 });
    assert.equal((await model.complete(ask)).content, '{}');
    assert.equal(server.requests.length, 3);
  });

  it('gives up after maxRetries with a retryable error that carries the status, never the key', async () => {
    server = await startFakeOpenAi({ chat: () => ({ status: 500, body: { error: { message: 'boom' } } }) });
    const model = new OpenAiChatModel({
      baseUrl: server.baseUrl,
      model: 'm',
      maxRetries: 2,
      retryBaseDelayMs: 1,
      apiKey: apiKeyFromValue('sk-secret-value'),
    });
    const err = await model.complete(ask).then(
      () => assert.fail('should fail'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ModelHttpError);
    assert.equal(err.status, 500);
    assert.equal(err.retryable, true);
    assert.match(err.message, /answered 500: boom/);
    assert.doesNotMatch(err.message, /sk-secret-value/);
    // A 500 that does not mention the response format is the server's trouble, not a refusal.
    assert.deepEqual(
      server.requests.map((r) => (r.body.response_format as { type?: string } | undefined)?.type),
      ['json_schema', 'json_schema', 'json_schema'],
    );
  });

  it('does not retry a request the server refuses (401) and marks it non-retryable', async () => {
    server = await startFakeOpenAi({ apiKey: 'right' });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm', apiKey: apiKeyFromValue('wrong') });
    const err = await model.complete(ask).catch((e: unknown) => e);
    assert.ok(err instanceof ModelHttpError);
    assert.equal(err.status, 401);
    assert.equal(err.retryable, false);
    assert.equal(server.requests.length, 1);
  });

  it('times out a server that never answers, retries, and reports a retryable timeout', async () => {
    server = await startFakeOpenAi({ chat: () => ({ hang: true }) });
    const model = new OpenAiChatModel({
      baseUrl: server.baseUrl,
      model: 'm',
      timeoutMs: 200,
      maxRetries: 1,
      retryBaseDelayMs: 1,
    });
    const started = Date.now();
    const err = await model.complete(ask).catch((e: unknown) => e);
    assert.ok(err instanceof ModelHttpError);
    assert.equal(err.kind, 'timeout');
    assert.equal(err.retryable, true);
    assert.equal(server.requests.length, 2);
    assert.ok(Date.now() - started < 5000);
  });

  it('reads FastAPI-style error bodies, and does not retry a 404', async () => {
    server = await startFakeOpenAi({ chat: () => ({ status: 404, body: { detail: 'Model not loaded' } }) });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm' });
    const err = await model.complete(ask).catch((e: unknown) => e);
    assert.ok(err instanceof ModelHttpError);
    assert.equal(err.status, 404);
    assert.equal(err.retryable, false);
    assert.match(err.message, /chat\/completions answered 404: Model not loaded/);
    assert.equal(server.requests.length, 1);
  });

  it('treats a 200 whose body is not JSON as a retryable server fault', async () => {
    server = await startFakeOpenAi({
      chat: (_r, n) => (n === 1 ? { body: '<html>proxy error</html>' } : chatReply('{}')),
    });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm', retryBaseDelayMs: 1 });
    assert.equal((await model.complete(ask)).content, '{}');
    assert.equal(server.requests.length, 2);
  });

  it('stops waiting at once when the activity is cancelled', async () => {
    server = await startFakeOpenAi({ chat: () => ({ hang: true }) });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm', timeoutMs: 60_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(model.complete({ ...ask, signal: controller.signal }), (e: Error) => e.name === 'AbortError');
  });

  it('stops at once when cancelled during a retry backoff, without waiting it out', async () => {
    server = await startFakeOpenAi({
      // Long enough to tell waiting from not; short, as the SDK's own timer still runs it out.
      chat: () => ({ status: 429, headers: { 'retry-after': '3' }, body: { error: { message: 'slow down' } } }),
    });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await assert.rejects(model.complete({ ...ask, signal: controller.signal }), (e: Error) => e.name === 'AbortError');
    assert.ok(Date.now() - started < 2000);
    assert.equal(server.requests.length, 1);
  });
});

describe('OpenAiChatModel structured-output fallback', () => {
  let server: FakeOpenAi | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const formatOf = (request: FakeOpenAiRequest | undefined) =>
    request?.body.response_format as { type?: string; schema?: unknown } | undefined;
  const systemPromptOf = (request: FakeOpenAiRequest | undefined) =>
    (request?.body.messages as { role: string; content: string }[]).find((m) => m.role === 'system')?.content;
  const withSystem = {
    ...ask,
    messages: [{ role: 'system' as const, content: 'Be brief.' }, ...ask.messages],
  };

  it('falls back to json_object with the schema for a llama-cpp-python server, at once, and remembers it', async () => {
    server = await startFakeOpenAi({ chat: () => chatReply('{}'), responseFormats: 'llama-cpp-python' });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm', retryBaseDelayMs: 1 });
    const first = await model.complete(withSystem);
    assert.equal(first.structuredOutput, 'json_object');
    // The 500 names response_format: a refusal, so no retry of it, straight to the next mode.
    assert.deepEqual(
      server.requests.map((r) => formatOf(r)?.type),
      ['json_schema', 'json_object'],
    );
    assert.deepEqual(formatOf(server.requests[1]), { type: 'json_object', schema: schema.schema });
    const system = systemPromptOf(server.requests[1]);
    assert.ok(system?.startsWith('Be brief.\n\n'));
    assert.ok(system?.includes(JSON.stringify(schema.schema)));
    assert.equal(systemPromptOf(server.requests[0]), 'Be brief.');
    assert.equal(model.structuredOutput, 'json_object');

    const second = await model.complete(withSystem);
    assert.equal(second.structuredOutput, 'json_object');
    assert.equal(server.requests.length, 3);
    assert.equal(formatOf(server.requests[2])?.type, 'json_object');
  });

  it('falls back to plain text with the schema in a new system prompt when every format is refused', async () => {
    server = await startFakeOpenAi({ chat: () => chatReply('{}'), responseFormats: 'text-only' });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm' });
    const first = await model.complete(ask);
    assert.equal(first.structuredOutput, 'text');
    assert.deepEqual(
      server.requests.map((r) => formatOf(r)?.type),
      ['json_schema', 'json_object', undefined],
    );
    const messages = server.requests[2]?.body.messages as { role: string; content: string }[];
    assert.equal(messages[0]?.role, 'system');
    assert.ok(messages[0]?.content.includes(JSON.stringify(schema.schema)));
    assert.deepEqual(messages[1], { role: 'user', content: 'hi' });

    await model.complete(ask);
    assert.equal(server.requests.length, 4);
    assert.equal(formatOf(server.requests[3]), undefined);
  });

  it('remembers nothing when no mode succeeds, and reports the last refusal as non-retryable', async () => {
    server = await startFakeOpenAi({
      chat: () => ({ status: 400, body: { error: { message: 'context length exceeded' } } }),
    });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm' });
    const err = await model.complete(ask).catch((e: unknown) => e);
    assert.ok(err instanceof ModelHttpError);
    assert.equal(err.status, 400);
    assert.equal(err.retryable, false);
    assert.match(err.message, /context length exceeded/);
    assert.equal(server.requests.length, 3);
    assert.equal(model.structuredOutput, 'json_schema');
  });

  it('does not fall back on a 401, and retries a 429 and a plain 500 in the same mode', async () => {
    server = await startFakeOpenAi({ apiKey: 'right', responseFormats: 'llama-cpp-python' });
    const refused = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm', apiKey: apiKeyFromValue('wrong') });
    const err = await refused.complete(ask).catch((e: unknown) => e);
    assert.ok(err instanceof ModelHttpError);
    assert.equal(err.status, 401);
    assert.equal(server.requests.length, 1);
    await server.close();

    server = await startFakeOpenAi({
      responseFormats: 'llama-cpp-python',
      chat: (_r, n) =>
        n === 1
          ? { status: 429, body: { error: { message: 'busy' } } }
          : n === 2
            ? { status: 500, body: { error: { message: 'CUDA out of memory' } } }
            : chatReply('{}'),
    });
    const model = new OpenAiChatModel({ baseUrl: server.baseUrl, model: 'm', retryBaseDelayMs: 1 });
    const answer = await model.complete(ask);
    assert.equal(answer.structuredOutput, 'json_object');
    assert.deepEqual(
      server.requests.map((r) => formatOf(r)?.type),
      ['json_schema', 'json_object', 'json_object', 'json_object'],
    );
  });
});
