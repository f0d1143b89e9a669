import { join, resolve } from 'node:path';
import type { GpuWorkerConfig } from '../config.js';
import { readSelectedModels, verifyInstalledModel } from './installed-models.js';
import { catalogModel } from './model-catalog.js';

/** A local model to load: a verified fetched one, or a user's own path (not hash-pinned). */
export interface LocalModelPath {
  path: string;
  name: string;
  /** `fetched` models were verified against their pinned sha256 just now. */
  origin: 'fetched' | 'own';
}

/** The models folder of this worker: MODELS_DIR, else the data folder's `models/`. */
export const modelsDirOf = (config: GpuWorkerConfig) =>
  resolve(config.MODELS_DIR ?? join(config.REVIEWFLOW_DATA_DIR, 'models'));

/**
 * The GGUF file and the ONNX folder this worker would load: the user's own paths when set, else what
 * `npm run models` selected, verified by sha256 (a wrong file stops the worker with its name).
 */
export async function localModelPaths(
  config: GpuWorkerConfig,
): Promise<{ llm?: LocalModelPath; embeddings?: LocalModelPath }> {
  const dir = modelsDirOf(config);
  const selected = readSelectedModels(dir);
  const out: { llm?: LocalModelPath; embeddings?: LocalModelPath } = {};
  if (config.LLM_MODEL_PATH !== undefined) {
    out.llm = { path: resolve(config.LLM_MODEL_PATH), name: nameOfFile(config.LLM_MODEL_PATH), origin: 'own' };
  } else if (selected.llm !== undefined) {
    const { model, dir: modelDir } = await verifyInstalledModel(join(dir, selected.llm), selected.llm);
    out.llm = { path: join(modelDir, model.files[0]!.path), name: model.name, origin: 'fetched' };
  }
  if (config.EMBEDDINGS_MODEL_PATH !== undefined) {
    const path = resolve(config.EMBEDDINGS_MODEL_PATH);
    out.embeddings = { path, name: nameOfFile(path), origin: 'own' };
  } else if (selected.embeddings !== undefined) {
    const { dir: modelDir } = await verifyInstalledModel(join(dir, selected.embeddings), selected.embeddings);
    out.embeddings = { path: modelDir, name: catalogModel(selected.embeddings).name, origin: 'fetched' };
  }
  return out;
}

function nameOfFile(path: string): string {
  return (path.split('/').filter(Boolean).pop() ?? path).replace(/\.gguf$/i, '');
}
