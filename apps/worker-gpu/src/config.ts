import {
  LivenessFileProperties,
  parseEnvConfig,
  TemporalConnectionProperties,
  workerTelemetryProperties,
} from '@reviewflow/config';
import { Type, type Static } from 'typebox';

/** Everything worker-gpu reads from its environment, validated at boot. */
export const GpuWorkerConfigSchema = Type.Object({
  ...TemporalConnectionProperties,
  ...LivenessFileProperties,
  ...workerTelemetryProperties({ metricsPort: 9465 }),
  REVIEWFLOW_DATA_DIR: Type.String({ default: '.data', description: 'Shared data folder; artifacts live under it' }),
  GPU_COUNT: Type.Integer({ default: 1, minimum: 1, maximum: 64, description: 'GPUs this pod or machine has' }),
  EMBEDDINGS_PER_GPU: Type.Integer({
    default: 1,
    minimum: 1,
    maximum: 64,
    description: 'Model activities (embedding batches, local LLM reviews) one GPU runs at once',
  }),
  EMBEDDING_DIMENSIONS: Type.Optional(
    Type.Integer({
      minimum: 8,
      maximum: 8192,
      description:
        'Vector length. Models report their own (probed at start); set it only to assert that value (a mismatch stops the worker) or to size feature hashing (default 256)',
    }),
  ),
  MODELS_DIR: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Where npm run models put the local models; default <REVIEWFLOW_DATA_DIR>/models',
    }),
  ),
  MODEL_DEVICE: Type.Enum(['auto', 'cpu', 'cuda'], {
    default: 'auto',
    description: 'Where local models run: auto = CUDA when an NVIDIA driver is loaded, else the CPU',
  }),
  EMBEDDINGS_PROVIDER: Type.Enum(['auto', 'local', 'openai', 'offline'], {
    default: 'auto',
    description:
      'auto: an embedding server when EMBEDDINGS_BASE_URL is set, else the local ONNX model when present, else offline feature hashing',
  }),
  EMBEDDINGS_MODEL_PATH: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'A folder with your own ONNX sentence-embedding model (config.json, tokenizer.json, onnx/model_quantized.onnx) instead of the fetched one',
    }),
  ),
  LLM_PROVIDER: Type.Enum(['auto', 'local', 'off'], {
    default: 'auto',
    description:
      'auto: review with the local GGUF code LLM on this worker when one is present; off: leave reviewing to worker-cpu (rules or LLM_BASE_URL)',
  }),
  LLM_MODEL_PATH: Type.Optional(
    Type.String({ minLength: 1, description: 'A GGUF chat model of your own instead of the fetched one' }),
  ),
  LLM_THREADS: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 256,
      description: 'CPU threads of the local LLM: the cores this worker may use (default: all this process may run on)',
    }),
  ),
  LLM_CONTEXT_SIZE: Type.Integer({
    default: 4096,
    minimum: 512,
    maximum: 131_072,
    description: 'Tokens of prompt plus answer of the local LLM',
  }),
  LLM_SECOND_LOOK: Type.Boolean({
    default: false,
    description:
      'Ask the model a second time about each of its findings (real or not, how severe) before it ships: one short call per finding; off by default until its effect on quality is measured (docs/benchmarks.md)',
  }),
  LLM_MAX_OUTPUT_TOKENS: Type.Integer({
    default: 768,
    minimum: 64,
    maximum: 32_768,
    description: 'Per answer of the local LLM',
  }),
  EMBEDDING_BATCH_SIZE: Type.Integer({
    default: 16,
    minimum: 1,
    maximum: 1024,
    description: 'Chunks per model call; also the unit of progress a crashed embedding resumes from',
  }),
  EMBEDDINGS_RATE_LIMIT_PER_SECOND: Type.Optional(
    Type.Number({
      exclusiveMinimum: 0,
      maximum: 100000,
      description:
        'Embedding activities started per second across every worker-gpu of the task queue (the server enforces it); unset = no limit',
    }),
  ),
  EMBEDDINGS_BASE_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description:
        'OpenAI-compatible API base URL incl. /v1 (OpenAI, vLLM, Ollama, TEI); none: offline feature hashing',
    }),
  ),
  EMBEDDINGS_MODEL: Type.Optional(
    Type.String({ minLength: 1, description: 'Embedding model; required with EMBEDDINGS_BASE_URL' }),
  ),
  EMBEDDINGS_API_KEY: Type.Optional(Type.String({ minLength: 1, description: 'API key (e.g. from a Secret env ref)' })),
  EMBEDDINGS_API_KEY_FILE: Type.Optional(
    Type.String({ minLength: 1, description: 'File holding the API key (read per call)' }),
  ),
  EMBEDDINGS_TIMEOUT_MS: Type.Integer({
    default: 60_000,
    minimum: 100,
    maximum: 600_000,
    description: 'Per HTTP request',
  }),
  SHUTDOWN_GRACE_SECONDS: Type.Integer({
    default: 10,
    minimum: 0,
    maximum: 3600,
    description: 'On SIGTERM: time to finish what is in flight before exiting',
  }),
});
export type GpuWorkerConfig = Static<typeof GpuWorkerConfigSchema>;

/** Reads and validates the configuration; `process.env` is read nowhere else in worker-gpu. */
export function loadGpuWorkerConfig(env: Record<string, string | undefined> = process.env): GpuWorkerConfig {
  return parseEnvConfig(GpuWorkerConfigSchema, env);
}
