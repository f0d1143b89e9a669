import { startLivenessFile, temporalConnectionOptions, workerTelemetryOptions } from '@reviewflow/config';
import { reviewMetricBuckets, reviewLogAttributes } from '@reviewflow/contract';
import { runWorkerProcess } from '@reviewflow/worker-runtime';
import { NativeConnection } from '@temporalio/worker';
import { loadCpuWorkerConfig } from './config.js';
import { createCpuWorkers } from './create-cpu-workers.js';
import { ensureSearchAttributes } from './ensure-search-attributes.js';

const config = loadCpuWorkerConfig();
// First, so liveness reflects the event loop from boot on, whatever Temporal does.
if (config.LIVENESS_FILE !== undefined) startLivenessFile(config.LIVENESS_FILE);
await runWorkerProcess({
  runtime: workerTelemetryOptions(config, {
    service: 'worker-cpu',
    histogramBuckets: reviewMetricBuckets(),
    logAttributes: reviewLogAttributes,
  }),
  connect: () => NativeConnection.connect(temporalConnectionOptions(config)),
  createWorkers: async (connection) => {
    await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
    return createCpuWorkers(config, connection);
  },
});
