import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { hashingEmbeddings, startFakeOpenAi, type FakeOpenAi } from '@reviewflow/devkit';
import { createEmbedder, loadGpuWorkerConfig } from '@reviewflow/worker-gpu';

describe('createEmbedder with an embedding server', () => {
  let server: FakeOpenAi | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const env = (s: FakeOpenAi, extra: Record<string, string> = {}) =>
    loadGpuWorkerConfig({ EMBEDDINGS_BASE_URL: s.baseUrl, EMBEDDINGS_MODEL: 'all-minilm', ...extra });

  it('takes the dimension from the model, probed at start, so nobody has to set EMBEDDING_DIMENSIONS', async () => {
    server = await startFakeOpenAi({ embeddings: hashingEmbeddings(384) });
    const embedder = await createEmbedder(env(server), undefined, () => undefined);
    assert.equal(embedder.dimensions, 384);
    assert.equal(embedder.provider, 'openai-compatible');
    const [vector] = await embedder.embed(['const a = 1;']);
    assert.equal(vector?.length, 384);
  });

  it('stops the worker at start with both numbers when an asserted EMBEDDING_DIMENSIONS is not the model', async () => {
    server = await startFakeOpenAi({ embeddings: hashingEmbeddings(384) });
    await assert.rejects(
      createEmbedder(env(server, { EMBEDDING_DIMENSIONS: '256' }), undefined, () => undefined),
      /EMBEDDING_DIMENSIONS is 256, but all-minilm makes vectors of 384/,
    );
  });

  it('falls back to offline feature hashing without a server or local model, and says so', async () => {
    const embedder = await createEmbedder(loadGpuWorkerConfig({}), undefined, () => undefined);
    assert.equal(embedder.info.offline, true);
    assert.equal(embedder.dimensions, 256);
  });
});
