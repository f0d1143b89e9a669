import {
  apiKeyFromFile,
  apiKeyFromValue,
  FeatureHashingEmbedder,
  OpenAiEmbedder,
  type Embedder,
} from '@reviewflow/activities';
import type { GpuWorkerConfig } from './config.js';
import { resolveModelDevice } from './models/detect-gpu.js';
import type { LocalModelPath } from './models/local-model-paths.js';
import { OnnxEmbedder } from './models/onnx-embedder.js';

/**
 * The embedder this worker runs (EMBEDDINGS_PROVIDER, `auto` by default): an OpenAI-compatible
 * embedding server when `EMBEDDINGS_BASE_URL` is set, else the local ONNX model when one is present,
 * else offline feature hashing. The dimension is the model's own, probed here, so a mismatch with an
 * asserted EMBEDDING_DIMENSIONS stops the worker at start instead of failing reviews later.
 */
export async function createEmbedder(
  config: GpuWorkerConfig,
  local: LocalModelPath | undefined,
  log: (line: string) => void,
): Promise<Embedder> {
  const provider =
    config.EMBEDDINGS_PROVIDER !== 'auto'
      ? config.EMBEDDINGS_PROVIDER
      : config.EMBEDDINGS_BASE_URL !== undefined
        ? 'openai'
        : local
          ? 'local'
          : 'offline';
  let embedder: Embedder;
  if (provider === 'offline') {
    return new FeatureHashingEmbedder({ dimensions: config.EMBEDDING_DIMENSIONS ?? 256 });
  } else if (provider === 'local') {
    if (!local) {
      throw new Error(
        'EMBEDDINGS_PROVIDER=local, but no embedding model: run npm run models or set EMBEDDINGS_MODEL_PATH',
      );
    }
    embedder = await OnnxEmbedder.load({
      dir: local.path,
      name: local.name,
      device: resolveModelDevice(config.MODEL_DEVICE),
      log,
    });
  } else {
    if (config.EMBEDDINGS_BASE_URL === undefined)
      throw new Error('EMBEDDINGS_PROVIDER=openai needs EMBEDDINGS_BASE_URL');
    if (config.EMBEDDINGS_MODEL === undefined)
      throw new Error('EMBEDDINGS_MODEL is required when EMBEDDINGS_BASE_URL is set');
    const apiKey =
      config.EMBEDDINGS_API_KEY_FILE !== undefined
        ? apiKeyFromFile(config.EMBEDDINGS_API_KEY_FILE)
        : apiKeyFromValue(config.EMBEDDINGS_API_KEY);
    embedder = await OpenAiEmbedder.connect({
      baseUrl: config.EMBEDDINGS_BASE_URL,
      model: config.EMBEDDINGS_MODEL,
      apiKey,
      timeoutMs: config.EMBEDDINGS_TIMEOUT_MS,
    });
  }
  if (config.EMBEDDING_DIMENSIONS !== undefined && config.EMBEDDING_DIMENSIONS !== embedder.dimensions) {
    throw new Error(
      `EMBEDDING_DIMENSIONS is ${config.EMBEDDING_DIMENSIONS}, but ${embedder.info.name} makes vectors of ${embedder.dimensions}; unset it (the model's own is used) or fix it`,
    );
  }
  return embedder;
}
