import {
  apiKeyFromFile,
  apiKeyFromValue,
  FeatureHashingEmbedder,
  OpenAiEmbedder,
  type Embedder,
} from '@reviewflow/activities';
import type { GpuWorkerConfig } from './config.js';

/**
 * The embedder this worker runs: an OpenAI-compatible embedding server when `EMBEDDINGS_BASE_URL` is
 * set (its vectors must have `EMBEDDING_DIMENSIONS` entries), else offline feature hashing. The API
 * key stays in this process (a file re-read per call wins over a value).
 */
export function createEmbedder(config: GpuWorkerConfig): Embedder {
  if (config.EMBEDDINGS_BASE_URL === undefined)
    return new FeatureHashingEmbedder({ dimensions: config.EMBEDDING_DIMENSIONS });
  if (config.EMBEDDINGS_MODEL === undefined)
    throw new Error('EMBEDDINGS_MODEL is required when EMBEDDINGS_BASE_URL is set');
  const apiKey =
    config.EMBEDDINGS_API_KEY_FILE !== undefined
      ? apiKeyFromFile(config.EMBEDDINGS_API_KEY_FILE)
      : apiKeyFromValue(config.EMBEDDINGS_API_KEY);
  return new OpenAiEmbedder({
    baseUrl: config.EMBEDDINGS_BASE_URL,
    model: config.EMBEDDINGS_MODEL,
    dimensions: config.EMBEDDING_DIMENSIONS,
    apiKey,
    timeoutMs: config.EMBEDDINGS_TIMEOUT_MS,
  });
}
