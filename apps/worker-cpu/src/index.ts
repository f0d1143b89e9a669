/** worker-cpu as a library: its config schema and worker factory, for tests and tools. */
export { loadCpuWorkerConfig, CpuWorkerConfigSchema, type CpuWorkerConfig } from './config.js';
export { createCpuWorker } from './create-cpu-worker.js';
export { bundleWorkflows, loadWorkflowBundle } from './load-workflow-bundle.js';
