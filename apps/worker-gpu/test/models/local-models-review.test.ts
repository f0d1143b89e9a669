import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { EmbeddingBatch } from '@reviewflow/activities';
import { createPlantedRepo } from '@reviewflow/devkit';
import { createGpuWorker, loadGpuWorkerConfig } from '@reviewflow/worker-gpu';
import { useLocalModelsStack } from '../support/local-models-stack.js';

// Real weights through a real Temporal server: SmolLM2-135M (fast, weak: the findings it makes are
// not the point, the path is) and all-MiniLM-L6-v2 in process on worker-gpu, the workflow on worker-cpu.
describe('a review with the local models on worker-gpu', () => {
  const stack = useLocalModelsStack();

  it('embeds with the ONNX model and reviews with the GGUF model, rules beside it, and every result names them', async () => {
    const gpuConnection = await stack.connect();
    const gpu = await createGpuWorker(loadGpuWorkerConfig(stack.env()), gpuConnection);
    const report = await stack.review(gpu, createPlantedRepo(), `local-models-${Date.now()}`);

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
    const batches = findFiles(join(stack.dataDir, 'artifacts'), /embeddings-b\d+\.json$/).map(
      (f) => JSON.parse(readFileSync(f, 'utf8')) as EmbeddingBatch,
    );
    assert.ok(batches.length > 0);
    for (const batch of batches) {
      assert.deepEqual(batch.model, { name: report.embedder.name, provider: 'onnxruntime-cpu', dimensions: 384 });
      assert.ok(batch.vectors.every((v) => v.length === 384));
    }
  });
});

function findFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
