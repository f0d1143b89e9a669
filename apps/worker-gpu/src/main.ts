import { startLivenessFile, temporalConnectionOptions, workerTelemetryOptions } from '@reviewflow/config';
import { reviewMetricBuckets, reviewLogAttributes } from '@reviewflow/contract';
import { runWorkerProcess } from '@reviewflow/worker-runtime';
import { NativeConnection } from '@temporalio/worker';
import { loadGpuWorkerConfig } from './config.js';
import { createGpuWorker } from './create-gpu-worker.js';

const config = loadGpuWorkerConfig();
// First, so liveness reflects the event loop from boot on, whatever Temporal does.
if (config.LIVENESS_FILE !== undefined) startLivenessFile(config.LIVENESS_FILE);
await runWorkerProcess({
  runtime: workerTelemetryOptions(config, {
    service: 'worker-gpu',
    histogramBuckets: reviewMetricBuckets(),
    logAttributes: reviewLogAttributes,
  }),
  connect: () => NativeConnection.connect(temporalConnectionOptions(config)),
  createWorkers: async (connection) => [await createGpuWorker(config, connection)],
});
