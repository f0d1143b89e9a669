// A real worker-gpu process whose embedder is slowed down and logs each batch it starts and
// finishes, so a test can kill it (SIGKILL) in the middle of an embedding and count what was redone.
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { FeatureHashingEmbedder, type Embedder } from '@reviewflow/activities';
import { temporalConnectionOptions } from '@reviewflow/config';
import { NativeConnection } from '@temporalio/worker';
import { loadGpuWorkerConfig } from '../../src/config.js';
import { createGpuWorker } from '../../src/create-gpu-worker.js';
import { localModelPaths } from '../../src/models/local-model-paths.js';
import { OnnxEmbedder } from '../../src/models/onnx-embedder.js';

const log = process.argv[2];
const delayMs = Number(process.argv[3] ?? 300);
// `onnx`: the real ONNX model that npm run models put in the data folder, else feature hashing.
const model = process.argv[4] ?? 'hashing';
if (!log) throw new Error('usage: slow-gpu-worker.ts <log file> [delay ms] [hashing|onnx]');

const config = loadGpuWorkerConfig();
let inner: Embedder = new FeatureHashingEmbedder();
if (model === 'onnx') {
  const { embeddings } = await localModelPaths(config);
  if (!embeddings) throw new Error('no local embedding model in the data folder');
  inner = await OnnxEmbedder.load({ dir: embeddings.path, name: embeddings.name, device: 'cpu' });
}
const embedder: Embedder = {
  info: inner.info,
  dimensions: inner.dimensions,
  ...(inner.provider ? { provider: inner.provider } : {}),
  async embed(texts) {
    const batch = texts[0]?.split('\n')[0] ?? '';
    appendFileSync(log, `start ${batch}\n`);
    await sleep(delayMs);
    const vectors = await inner.embed(texts);
    appendFileSync(log, `end ${batch}\n`);
    return vectors;
  },
};

const connection = await NativeConnection.connect(temporalConnectionOptions(config));
const worker = await createGpuWorker(config, connection, { embedder, reviewer: null });
appendFileSync(log, 'ready\n');
await worker.run();
await connection.close();
