import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  HybridReviewer,
  LlmReviewer,
  type ChatModel,
  type ChatRequest,
  type EmbeddingBatch,
  type Embedder,
  type ReviewReport,
} from '@reviewflow/activities';
import { createPlantedRepo, findTemporalCli, startDevServer, type DevServer } from '@reviewflow/devkit';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import {
  createGpuWorker,
  LlamaChatModel,
  loadGpuWorkerConfig,
  localModelPaths,
  OnnxEmbedder,
} from '@reviewflow/worker-gpu';
import { TaskQueue, reviewWorkflowType } from '@reviewflow/workflows';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { installTestModels } from '../support/test-models.js';

// Real weights through a real Temporal server: SmolLM2-135M (fast, weak: the findings it makes are
// not the point, the path is) and all-MiniLM-L6-v2 in process on worker-gpu, the workflow on worker-cpu.
describe('a review with the local models on worker-gpu', () => {
  let server: DevServer;
  let dataDir: string;
  let client: Client;
  let connection: Connection;
  const native: NativeConnection[] = [];
  before(async () => {
    const cli = await findTemporalCli();
    if (cli.kind !== 'existing-path') throw new Error('the Temporal CLI is required (TEMPORAL_CLI_PATH or npm test)');
    dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-local-models-'));
    [server] = await Promise.all([startDevServer({ cli: cli.path }), installTestModels(dataDir)]);
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection });
  });
  after(async () => {
    await connection?.close();
    for (const c of native) await c.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const sha = (repo: string, rev: string) => execFileSync('git', ['-C', repo, 'rev-parse', rev]).toString().trim();
  // SmolLM2 raises a finding on nearly every line: a second look at each would only make the test
  // slow (the hybrid reviewer's tests cover it).
  const env = () => ({
    TEMPORAL_ADDRESS: server.address,
    REVIEWFLOW_DATA_DIR: dataDir,
    LLM_THREADS: '2',
    LLM_SECOND_LOOK: 'false',
  });

  async function review(gpu: Worker, repo: string, id: string): Promise<ReviewReport> {
    const cpuConnection = await NativeConnection.connect({ address: server.address });
    native.push(cpuConnection);
    const [cpu] = await createCpuWorkers(loadCpuWorkerConfig({ ...env(), SERVED_TIERS: 'starter' }), cpuConnection);
    return cpu!.runUntil(
      gpu.runUntil(
        client.workflow.execute(reviewWorkflowType, {
          taskQueue: TaskQueue.cpu,
          workflowId: id,
          args: [{ source: { kind: 'git', path: repo, base: sha(repo, 'HEAD~1'), head: sha(repo, 'HEAD') } }],
        }) as Promise<ReviewReport>,
      ),
    );
  }

  it('embeds with the ONNX model and reviews with the GGUF model, rules beside it, and every result names them', async () => {
    const gpuConnection = await NativeConnection.connect({ address: server.address });
    native.push(gpuConnection);
    const gpu = await createGpuWorker(loadGpuWorkerConfig(env()), gpuConnection);
    const report = await review(gpu, createPlantedRepo(), `local-models-${Date.now()}`);

    assert.equal(report.outcome, 'completed');
    assert.equal(report.embedder.offline, false);
    assert.match(report.embedder.name, /all-MiniLM-L6-v2/);
    assert.match(report.embedder.description, /ONNX Runtime \(cpu\), 384 dimensions/);
    assert.equal(report.reviewer.offline, false);
    assert.match(report.reviewer.name, /SmolLM2-135M-Instruct/);
    assert.deepEqual(
      report.reviewers?.map((r) => r.offline),
      [true, false],
      'the rules and the model both reviewed',
    );
    assert.ok((report.ai?.modelCalls ?? 0) >= report.counts.chunks, 'the model was called for every chunk');
    assert.ok((report.ai?.tokens.outputTokens ?? 0) > 0);
    // The rules still find the planted AWS keys, and say they did.
    const secrets = report.findings.filter((f) => f.rule.startsWith('secret/aws'));
    assert.ok(secrets.length >= 2, JSON.stringify(report.findings));
    assert.ok(secrets.every((f) => f.reviewer === 'reviewflow-offline-rules'));
    assert.ok(report.findings.every((f) => typeof f.reviewer === 'string'));

    // Every stored vector says which model, run by what, made it, at the model's own dimension.
    const batches = findFiles(join(dataDir, 'artifacts'), /embeddings-b\d+\.json$/).map(
      (f) => JSON.parse(readFileSync(f, 'utf8')) as EmbeddingBatch,
    );
    assert.ok(batches.length > 0);
    for (const batch of batches) {
      assert.deepEqual(batch.model, { name: report.embedder.name, provider: 'onnxruntime-cpu', dimensions: 384 });
      assert.ok(batch.vectors.every((v) => v.length === 384));
    }
  });

  it('sends no secret to either model: the embedder and the LLM only ever see redacted text', async () => {
    const paths = await localModelPaths(loadGpuWorkerConfig(env()));
    const seen: string[] = [];
    const onnx = await OnnxEmbedder.load({ dir: paths.embeddings!.path, name: paths.embeddings!.name, device: 'cpu' });
    const embedder: Embedder = {
      info: onnx.info,
      dimensions: onnx.dimensions,
      provider: onnx.provider,
      embed: (texts) => {
        seen.push(...texts);
        return onnx.embed(texts);
      },
    };
    const llama = await LlamaChatModel.load({
      modelPath: paths.llm!.path,
      name: paths.llm!.name,
      device: 'cpu',
      threads: 2,
      contextSize: 4096,
    });
    const model: ChatModel = {
      info: llama.info,
      complete: (request: ChatRequest) => {
        seen.push(...request.messages.map((m) => m.content));
        return llama.complete(request);
      },
    };
    try {
      const gpuConnection = await NativeConnection.connect({ address: server.address });
      native.push(gpuConnection);
      const gpu = await createGpuWorker(loadGpuWorkerConfig(env()), gpuConnection, {
        embedder,
        reviewer: new HybridReviewer(new LlmReviewer(model, { maxInvalidOutputRetries: 0 })),
      });
      const report = await review(gpu, createPlantedRepo(), `local-models-secrets-${Date.now()}`);
      assert.equal(report.outcome, 'completed');
      assert.ok(
        seen.some((t) => t.includes('awsSecretAccessKey')),
        'the model saw the file with the key',
      );
      for (const text of seen) {
        assert.ok(!text.includes('q7Hk2Zr9Lm4Xv8Bn3Tc6Wd1Fs5Gj0Pe2Ya7Uo9i'), 'the secret key never reaches a model');
        assert.ok(!text.includes('AKIAJ3V8QW2NX5LP7RT4'), 'the access key id never reaches a model');
      }
      assert.ok((report.ai?.redactions ?? 0) >= 2);
    } finally {
      await llama.dispose();
      await onnx.dispose();
    }
  });
});

function findFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
