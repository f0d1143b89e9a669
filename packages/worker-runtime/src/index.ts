/**
 * @reviewflow/worker-runtime — the Temporal SDK runtime both workers install at boot: the SDK's
 * Prometheus exporter (SDK metrics and the workers' own) and structured JSON logs.
 */
export {
  installWorkerRuntime,
  type WorkerLogLevel,
  type WorkerRuntime,
  type WorkerRuntimeOptions,
} from './install-worker-runtime.js';
export { jsonLogFunction, type JsonLogOptions, type LogAttributes } from './json-log-function.js';
export { sdkHistogramBuckets } from './sdk-histogram-buckets.js';
export {
  isTemporalUnreachable,
  retryWhileTemporalUnreachable,
  type RetryWhileUnreachableOptions,
} from './retry-while-temporal-unreachable.js';
export { runWorkerProcess, type WorkerProcessOptions } from './run-worker-process.js';
