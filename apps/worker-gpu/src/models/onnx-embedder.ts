import type { Embedder } from '@reviewflow/activities';
import type { ComponentInfo } from '@reviewflow/contract';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { dirname } from 'node:path';
import { ModelFilesError } from './model-files-error.js';

/** What {@link OnnxEmbedder.load} needs. */
export interface OnnxEmbedderOptions {
  /** The model's folder (config.json, tokenizer.json, onnx/model_quantized.onnx), as `npm run models` lays it out. */
  dir: string;
  /** The name results carry. */
  name: string;
  device: 'cpu' | 'cuda';
  log?: (line: string) => void;
}

/**
 * A sentence-embedding model in process, on ONNX Runtime through transformers.js: mean pooling over
 * the tokens and L2 normalisation, so cosine similarity is a dot product. Nothing is fetched: remote
 * models are off and the files come from the model's folder. The dimension is the model's own,
 * probed at load, never a setting to guess.
 */
export class OnnxEmbedder implements Embedder {
  private constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly info: ComponentInfo,
    readonly dimensions: number,
    readonly provider: string,
  ) {}

  /** Loads the model on `device` (CUDA falls back to the CPU, logged) and probes its dimension. */
  static async load(options: OnnxEmbedderOptions): Promise<OnnxEmbedder> {
    const { env, pipeline } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = dirname(options.dir) + '/';
    const modelId = options.dir.slice(dirname(options.dir).length + 1);
    const open = (device: 'cpu' | 'cuda') =>
      pipeline('feature-extraction', modelId, { dtype: 'q8', device }) as Promise<FeatureExtractionPipeline>;
    let device = options.device;
    let extractor: FeatureExtractionPipeline;
    try {
      extractor = await open(device);
    } catch (err) {
      if (device !== 'cuda')
        throw new ModelFilesError(`cannot load the embedding model in ${options.dir}: ${(err as Error).message}`);
      options.log?.(`embedding model: CUDA execution provider unavailable (${(err as Error).message}); using the CPU`);
      device = 'cpu';
      extractor = await open(device);
    }
    const probe = await extractor(['probe'], { pooling: 'mean', normalize: true });
    const dimensions = probe.dims[1] ?? 0;
    const provider = `onnxruntime-${device}`;
    return new OnnxEmbedder(
      extractor,
      {
        name: options.name,
        offline: false,
        description: `${options.name}, in process on ONNX Runtime (${device}), ${dimensions} dimensions, mean pooling`,
      },
      dimensions,
      provider,
    );
  }

  async embed(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const output = await this.extractor(texts, { pooling: 'mean', normalize: true });
    return output.tolist() as number[][];
  }

  /** Frees the ONNX session. */
  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}
