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
    description: 'Embedding activities one GPU runs at once',
  }),
  EMBEDDING_DIMENSIONS: Type.Integer({ default: 256, minimum: 8, maximum: 8192 }),
  EMBEDDING_BATCH_SIZE: Type.Integer({
    default: 16,
    minimum: 1,
    maximum: 1024,
    description: 'Chunks per model call; also the unit of progress a crashed embedding resumes from',
  }),
  SHUTDOWN_GRACE_SECONDS: Type.Integer({ default: 10, minimum: 0, maximum: 3600 }),
});
export type GpuWorkerConfig = Static<typeof GpuWorkerConfigSchema>;

/** Reads and validates the configuration; `process.env` is read nowhere else in worker-gpu. */
export function loadGpuWorkerConfig(env: Record<string, string | undefined> = process.env): GpuWorkerConfig {
  return parseEnvConfig(GpuWorkerConfigSchema, env);
}
