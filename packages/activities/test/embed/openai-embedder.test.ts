import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { startFakeOpenAi, type FakeOpenAi } from '@reviewflow/devkit';
import { OpenAiEmbedder } from '../../src/embed/openai-embedder.js';
import { ModelHttpError } from '../../src/llm/model-http-error.js';

describe('OpenAiEmbedder against a loopback OpenAI-compatible server', () => {
  let server: FakeOpenAi | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('embeds a batch in one request and puts vectors back in input order by index', async () => {
    server = await startFakeOpenAi({ dimensions: 16 });
    const embedder = new OpenAiEmbedder({ baseUrl: server.baseUrl, model: 'e1', dimensions: 16 });
    const vectors = await embedder.embed(['alpha beta', 'gamma', 'alpha beta']);
    assert.equal(server.requests.length, 1);
    assert.deepEqual(server.requests[0]?.body, { model: 'e1', input: ['alpha beta', 'gamma', 'alpha beta'] });
    assert.equal(vectors.length, 3);
    // The server answers in reverse order; equal texts must still get equal vectors at their places.
    assert.deepEqual(vectors[0], vectors[2]);
    assert.notDeepEqual(vectors[0], vectors[1]);
  });

  it('refuses vectors of another dimension than configured, non-retryable', async () => {
    server = await startFakeOpenAi({ dimensions: 8 });
    const embedder = new OpenAiEmbedder({ baseUrl: server.baseUrl, model: 'e1', dimensions: 16 });
    const err = await embedder.embed(['x']).catch((e: unknown) => e);
    assert.ok(err instanceof ModelHttpError);
    assert.equal(err.retryable, false);
    assert.match(err.message, /8 dimensions, configured 16/);
  });

  it('retries a 503 and a short answer is a retryable error', async () => {
    server = await startFakeOpenAi({
      embeddings: (_r, n) => (n === 1 ? { status: 503 } : { body: { data: [] } }),
    });
    const embedder = new OpenAiEmbedder({ baseUrl: server.baseUrl, model: 'e1', dimensions: 4, retryBaseDelayMs: 1 });
    const err = await embedder.embed(['x']).catch((e: unknown) => e);
    assert.ok(err instanceof ModelHttpError);
    assert.equal(err.retryable, true);
    assert.match(err.message, /expected 1 vectors, got 0/);
    assert.equal(server.requests.length, 2);
  });
});
