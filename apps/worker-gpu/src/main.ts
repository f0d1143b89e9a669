import { startLivenessFile, temporalConnectionOptions, withoutFailureText } from '@reviewflow/config';
import { reviewMetricBuckets, reviewLogAttributes } from '@reviewflow/contract';
import { runWorkerProcess } from '@reviewflow/worker-runtime';
import { NativeConnection } from '@temporalio/worker';
import { loadGpuWorkerConfig } from './config.js';
import { createGpuWorker } from './create-gpu-worker.js';

const config = loadGpuWorkerConfig();
// First, so liveness reflects the event loop from boot on, whatever Temporal does.
if (config.LIVENESS_FILE !== undefined) startLivenessFile(config.LIVENESS_FILE);
await runWorkerProcess({
  runtime: {
    service: 'worker-gpu',
    logLevel: config.LOG_LEVEL,
    metrics: { host: config.METRICS_HOST, port: config.METRICS_PORT, histogramBuckets: reviewMetricBuckets() },
    // With encrypted payloads, failure messages stay out of the logs too (see withoutFailureText).
    logAttributes: config.REVIEWFLOW_PAYLOAD_KEYS
      ? (meta) => withoutFailureText(reviewLogAttributes(meta))
      : reviewLogAttributes,
  },
  connect: () => NativeConnection.connect(temporalConnectionOptions(config)),
  createWorkers: async (connection) => [await createGpuWorker(config, connection)],
});
