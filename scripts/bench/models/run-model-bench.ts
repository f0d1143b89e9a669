/**
 * `npm run bench:models [-- --llm ID] [--quality] [--quality-llm ID] [--out DIR]` (more flags in
 * model-bench-options.ts):
 * what running the local models inside Temporal activities costs against calling the same loaded
 * models in a tight loop, measured side by side in alternating rounds in one process on its own
 * Temporal dev server; how the ONNX embeddings rank related code against feature hashing; and,
 * with --quality, how reviewflow's reviewer finds labelled defects against a naive prompt of the
 * same model. Prints the figures and writes bench-results/models.json. docs/benchmarks.md explains them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FeatureHashingEmbedder, HybridReviewer, LlmReviewer } from '@reviewflow/activities';
import { findTemporalCli, startDevServer, type DevServer } from '@reviewflow/devkit';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import type { LlamaChatModel, OnnxEmbedder } from '@reviewflow/worker-gpu';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { benchRepo } from './bench-repos.js';
import { loadBenchEmbedder, loadBenchLlm } from './load-bench-models.js';
import { parseModelBenchOptions } from './model-bench-options.js';
import { compareEmbedding, compareLlmReview, type ReviewRig, type ThroughputComparison } from './measure-throughput.js';
import { measureQuality, type QualityComparison } from './measure-quality.js';
import { scoreRetrieval, type RetrievalScore } from './measure-retrieval.js';
import { qualitySet } from './quality-set.js';
import { retrievalSet } from './retrieval-set.js';
import { formatSpread } from './spread.js';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const options = parseModelBenchOptions(process.argv.slice(2));
const outDir = resolve(options.out ?? join(root, 'bench-results'));
const log = (message: string): void => console.error(`[bench:models] ${message}`);
const embeddingsId = 'all-MiniLM-L6-v2';
const threads = Math.min(options.threads, availableParallelism());

interface ModelBenchResults {
  date: string;
  machine: { cpus: number; cpuModel: string; loadAvgStart: number[]; loadAvgEnd?: number[] };
  settings: { rounds: number; embedRounds: number; threads: number; maxOutputTokens: number; batchSize: number };
  models: { embeddings: string; llm: string; qualityLlm?: string };
  embedding?: ThroughputComparison;
  llm?: ThroughputComparison;
  retrieval?: { onnx: RetrievalScore; hashing: RetrievalScore };
  quality?: QualityComparison;
  errors: string[];
}

const results: ModelBenchResults = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', loadAvgStart: loadavg() },
  settings: {
    rounds: options.rounds,
    embedRounds: options.embedRounds,
    threads: Math.min(options.threads, availableParallelism()),
    maxOutputTokens: options.maxOutputTokens,
    batchSize: options.batchSize,
  },
  models: { embeddings: embeddingsId, llm: options.llm },
  errors: [],
};

const dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-bench-models-'));
const modelsDir = join(dataDir, 'models');
let server: DevServer | undefined;
let connection: Connection | undefined;
let native: NativeConnection | undefined;
let cpuWorker: Worker | undefined;
let cpuRun: Promise<void> | undefined;
let embedder: OnnxEmbedder | undefined;
let llm: LlamaChatModel | undefined;

async function phase(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    const message = `${name}: ${(err as Error).stack ?? String(err)}`;
    results.errors.push(message);
    log(`phase failed: ${message}`);
  }
}

try {
  const cli = await findTemporalCli();
  if (cli.kind !== 'existing-path') throw new Error('the Temporal CLI is required (TEMPORAL_CLI_PATH or npm test)');
  log(`loading ${embeddingsId} and ${options.llm}; starting a Temporal dev server`);
  [server, embedder, llm] = await Promise.all([
    startDevServer({ cli: cli.path }),
    loadBenchEmbedder(embeddingsId, modelsDir),
    loadBenchLlm(options.llm, modelsDir, threads),
  ]);
  results.models = { embeddings: embedder.info.name, llm: llm.info.name };
  connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  native = await NativeConnection.connect({ address: server.address });
  const env = {
    TEMPORAL_ADDRESS: server.address,
    REVIEWFLOW_DATA_DIR: dataDir,
    LLM_THREADS: String(threads),
    EMBEDDING_BATCH_SIZE: String(options.batchSize),
  };
  const rig: ReviewRig = { client, connection: native, env };
  [cpuWorker] = await createCpuWorkers(loadCpuWorkerConfig({ ...env, SERVED_TIERS: 'starter' }), native);
  cpuRun = cpuWorker!.run();

  const loadedEmbedder = embedder;
  const loadedLlm = llm;
  await phase('embedding', async () => {
    log(`embedding: ${options.embedChunks} chunks in batches of ${options.batchSize}, ${options.embedRounds} rounds`);
    results.embedding = await compareEmbedding(
      rig,
      loadedEmbedder,
      benchRepo(options.embedChunks),
      options.embedRounds,
      log,
    );
  });
  await phase('llm', async () => {
    log(`llm review: ${options.llmChunks} chunks, ${options.rounds} rounds`);
    const maxOutputTokens = options.maxOutputTokens;
    results.llm = await compareLlmReview(
      rig,
      loadedEmbedder,
      new HybridReviewer(new LlmReviewer(loadedLlm, { maxOutputTokens })),
      new LlmReviewer(loadedLlm, { maxOutputTokens }),
      benchRepo(options.llmChunks),
      options.rounds,
      log,
    );
  });
  await phase('retrieval', async () => {
    results.retrieval = {
      onnx: await scoreRetrieval(loadedEmbedder, retrievalSet),
      hashing: await scoreRetrieval(new FeatureHashingEmbedder(), retrievalSet),
    };
  });
  cpuWorker!.shutdown();
  await cpuRun;
  cpuWorker = undefined;

  if (options.quality) {
    await phase('quality', async () => {
      // One LLM in memory at a time: 2 cores and the quality model's weights.
      await llm?.dispose();
      llm = undefined;
      log(`quality: ${qualitySet.length} labelled changes with ${options.qualityLlm}`);
      llm = await loadBenchLlm(options.qualityLlm, modelsDir, threads);
      results.models.qualityLlm = llm.info.name;
      results.quality = await measureQuality(llm, qualitySet, log);
    });
  }
} catch (err) {
  results.errors.push((err as Error).stack ?? String(err));
  log(`failed: ${(err as Error).stack ?? String(err)}`);
} finally {
  if (cpuWorker) {
    cpuWorker.shutdown();
    await cpuRun?.catch(() => undefined);
  }
  await native?.close().catch(() => undefined);
  await connection?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
  await llm?.dispose().catch(() => undefined);
  await embedder?.dispose().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}

results.machine.loadAvgEnd = loadavg();
const lines: string[] = [];
const throughputLine = (label: string, c: ThroughputComparison | undefined, digits: number) => {
  if (!c) return lines.push(`${label}: not measured`);
  lines.push(
    `${label} (${c.chunks} chunks, ${c.ratio.samples.length} rounds): ratio ${formatSpread(c.ratio)} [target >= 0.90]`,
    `  activity ${formatSpread(c.activityPerSec, digits)} chunks/s, tight loop ${formatSpread(c.directPerSec, digits)} chunks/s`,
  );
};
lines.push(
  `settings: ${options.embedRounds} embedding and ${options.rounds} LLM rounds, llama.cpp ${results.settings.threads} thread(s), ${options.maxOutputTokens} output tokens max, embedding batch ${options.batchSize}; load average ${results.machine.loadAvgStart.map((l) => l.toFixed(1)).join('/')} at start`,
);
lines.push(
  `models: ${results.models.embeddings}; ${results.models.llm}${results.models.qualityLlm ? `; quality: ${results.models.qualityLlm}` : ''}`,
);
throughputLine('embedding throughput, embedChunks activity ÷ OnnxEmbedder loop', results.embedding, 1);
throughputLine('llm review throughput, reviewChunksOnGpu activities ÷ LlmReviewer loop', results.llm, 3);
if (results.llm) lines.push(`  tokens out per round: ${JSON.stringify(results.llm.notes.outputTokensPerRound)}`);
if (results.retrieval) {
  for (const s of [results.retrieval.onnx, results.retrieval.hashing]) {
    lines.push(
      `retrieval ${s.embedder}: hit@1 ${s.hitAt1.toFixed(2)} (${Math.round(s.hitAt1 * s.cases)}/${s.cases}), mean rank ${s.meanRank.toFixed(2)}`,
    );
  }
}
if (results.quality) {
  for (const q of [results.quality.reviewflow, results.quality.naive]) {
    lines.push(
      `quality ${q.approach}: recall ${q.recall.toFixed(2)} (${q.found}/${q.defects}), precision ${q.precision.toFixed(2)} (${q.truePositives}/${q.findings} findings), recall at >= medium ${q.recallMediumUp.toFixed(2)}, findings on clean changes ${q.findingsOnClean}, ${q.seconds.toFixed(0)} s`,
    );
  }
}
for (const e of results.errors) lines.push(`ERROR ${e.split('\n')[0]}`);
console.log(lines.join('\n'));
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'models.json'), JSON.stringify(results, null, 2) + '\n');
log(`wrote ${join(outDir, 'models.json')}`);
process.exitCode = results.errors.length > 0 ? 1 : 0;
