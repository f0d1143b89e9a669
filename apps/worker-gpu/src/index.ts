/** worker-gpu as a library: its config schema and worker factory, for tests and tools. */
export { loadGpuWorkerConfig, GpuWorkerConfigSchema, type GpuWorkerConfig } from './config.js';
export { createGpuWorker } from './create-gpu-worker.js';
