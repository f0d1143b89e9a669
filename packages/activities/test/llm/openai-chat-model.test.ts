import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { chatReply, startFakeOpenAi, type FakeOpenAi } from '@reviewflow/devkit';
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
    assert.deepEqual(answer, { content: '{"a":1}', finishReason: 'stop', usage: { inputTokens: 11, outputTokens: 7 } });
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
    assert.equal(server.requests.length, 3);
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
});
