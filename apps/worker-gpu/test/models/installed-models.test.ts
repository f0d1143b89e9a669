import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadGpuWorkerConfig, localModelPaths, ModelFilesError, verifyInstalledModel } from '@reviewflow/worker-gpu';
import { installTestModels, testEmbeddingsId, testLlmId } from '../support/test-models.js';

describe('installed local models', () => {
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-models-'));
    await installTestModels(dataDir);
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('verifies the fetched files against their pinned sha256 and finds them for the worker', async () => {
    const paths = await localModelPaths(loadGpuWorkerConfig({ REVIEWFLOW_DATA_DIR: dataDir }));
    assert.equal(paths.llm?.origin, 'fetched');
    assert.match(paths.llm?.path ?? '', /SmolLM2-135M-Instruct\.Q4_1\.gguf$/);
    assert.equal(paths.embeddings?.path, join(dataDir, 'models', testEmbeddingsId));
  });

  it('refuses a model file whose hash is not the pinned one, naming the file and both hashes', async () => {
    // A copy, so the cache the installed file links to stays intact.
    const broken = mkdtempSync(join(tmpdir(), 'reviewflow-broken-'));
    try {
      await installTestModels(broken);
      const file = join(broken, 'models', testEmbeddingsId, 'config.json');
      rmSync(file);
      // Same size as the pinned file, other bytes: only the hash can tell.
      appendFileSync(file, ' '.repeat(612));
      await assert.rejects(verifyInstalledModel(join(broken, 'models', testEmbeddingsId), testEmbeddingsId), (err) => {
        assert.ok(err instanceof ModelFilesError);
        assert.match(err.message, /config\.json has sha256 [0-9a-f]{64}, the pinned file has 953f9c0d/);
        assert.match(err.message, /refusing to load it/);
        return true;
      });
      await assert.rejects(
        localModelPaths(loadGpuWorkerConfig({ REVIEWFLOW_DATA_DIR: broken })),
        /refusing to load it/,
      );
      // A short file is refused by its size before any hashing.
      rmSync(join(broken, 'models', testLlmId, 'SmolLM2-135M-Instruct.Q4_1.gguf'));
      appendFileSync(join(broken, 'models', testLlmId, 'SmolLM2-135M-Instruct.Q4_1.gguf'), 'GGUF');
      await assert.rejects(
        verifyInstalledModel(join(broken, 'models', testLlmId), testLlmId),
        /has 4 bytes, the pinned file has 98362432/,
      );
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
