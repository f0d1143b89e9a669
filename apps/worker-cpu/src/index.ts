/** worker-cpu as a library: its config schema and worker factory, for tests and tools. */
export { loadCpuWorkerConfig, CpuWorkerConfigSchema, type CpuWorkerConfig } from './config.js';
export { createCpuWorkers, servedTiers, type CpuWorkerOverrides } from './create-cpu-workers.js';
export { bundleWorkflows, loadWorkflowBundle } from './load-workflow-bundle.js';
