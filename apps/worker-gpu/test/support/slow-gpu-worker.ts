// A real worker-gpu process whose embedder is slowed down and logs each batch it starts and
// finishes, so a test can kill it (SIGKILL) in the middle of an embedding and count what was redone.
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { FeatureHashingEmbedder, type Embedder } from '@reviewflow/activities';
import { temporalConnectionOptions } from '@reviewflow/config';
import { NativeConnection } from '@temporalio/worker';
import { loadGpuWorkerConfig } from '../../src/config.js';
import { createGpuWorker } from '../../src/create-gpu-worker.js';

const log = process.argv[2];
const delayMs = Number(process.argv[3] ?? 300);
if (!log) throw new Error('usage: slow-gpu-worker.ts <log file> [delay ms]');

const inner = new FeatureHashingEmbedder();
const embedder: Embedder = {
  info: inner.info,
  dimensions: inner.dimensions,
  async embed(texts) {
    const batch = texts[0]?.split('\n')[0] ?? '';
    appendFileSync(log, `start ${batch}\n`);
    await sleep(delayMs);
    const vectors = await inner.embed(texts);
    appendFileSync(log, `end ${batch}\n`);
    return vectors;
  },
};

const config = loadGpuWorkerConfig();
const connection = await NativeConnection.connect(temporalConnectionOptions(config));
const worker = await createGpuWorker(config, connection, { embedder });
appendFileSync(log, 'ready\n');
await worker.run();
await connection.close();
