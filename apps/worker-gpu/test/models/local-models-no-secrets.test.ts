import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HybridReviewer, LlmReviewer, type ChatModel, type ChatRequest, type Embedder } from '@reviewflow/activities';
import { createPlantedRepo } from '@reviewflow/devkit';
import {
  createGpuWorker,
  LlamaChatModel,
  loadGpuWorkerConfig,
  localModelPaths,
  OnnxEmbedder,
} from '@reviewflow/worker-gpu';
import { useLocalModelsStack } from '../support/local-models-stack.js';

// The real models of worker-gpu, each behind a wrapper that keeps every text it was given.
describe('the local models and secrets', () => {
  const stack = useLocalModelsStack();

  it('sends no secret to either model: the embedder and the LLM only ever see redacted text', async () => {
    const paths = await localModelPaths(loadGpuWorkerConfig(stack.env()));
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
      threads: 1,
      contextSize: 2048,
    });
    const model: ChatModel = {
      info: llama.info,
      complete: (request: ChatRequest) => {
        seen.push(...request.messages.map((m) => m.content));
        return llama.complete(request);
      },
    };
    try {
      const gpuConnection = await stack.connect();
      const gpu = await createGpuWorker(loadGpuWorkerConfig(stack.env()), gpuConnection, {
        embedder,
        reviewer: new HybridReviewer(new LlmReviewer(model, { maxInvalidOutputRetries: 0, maxOutputTokens: 192 })),
      });
      const report = await stack.review(gpu, createPlantedRepo(), `local-models-secrets-${Date.now()}`);
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
