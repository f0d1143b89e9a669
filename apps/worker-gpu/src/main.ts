import { temporalConnectionOptions } from '@reviewflow/config';
import { NativeConnection } from '@temporalio/worker';
import { loadGpuWorkerConfig } from './config.js';
import { createGpuWorker } from './create-gpu-worker.js';

const config = loadGpuWorkerConfig();
const connection = await NativeConnection.connect(temporalConnectionOptions(config));
try {
  const worker = await createGpuWorker(config, connection);
  // The SDK runtime turns SIGINT/SIGTERM into a graceful shutdown; `run()` resolves after it.
  await worker.run();
} finally {
  await connection.close();
}
