import { parseArgs } from 'node:util';

/** Parsed command line of `npm run bench:models`. */
export interface ModelBenchOptions {
  /** Alternating rounds of each side-by-side comparison (at least 3, so a median and a range mean something). */
  rounds: number;
  /** Catalog id of the LLM of the throughput comparison. */
  llm: string;
  /** Chunks of the embedding review (one file each); batches of `batchSize`. */
  embedChunks: number;
  /** Chunks of the LLM review; every one is a model call per round and side. */
  llmChunks: number;
  batchSize: number;
  /** Run the (slow) review-quality comparison with `qualityLlm`. */
  quality: boolean;
  qualityLlm: string;
  /** Results folder; `bench-results/` at the root unless given. */
  out: string | undefined;
}

/**
 * `npm run bench:models [-- --rounds 3] [--llm ID] [--embed-chunks 64] [--llm-chunks 4]
 * [--quality] [--quality-llm ID] [--out DIR]`.
 */
export function parseModelBenchOptions(argv: string[]): ModelBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string', default: '3' },
      llm: { type: 'string', default: 'smollm2-135m-instruct-q4_1' },
      'embed-chunks': { type: 'string', default: '64' },
      'llm-chunks': { type: 'string', default: '4' },
      'batch-size': { type: 'string', default: '16' },
      quality: { type: 'boolean', default: false },
      'quality-llm': { type: 'string', default: 'qwen2.5-coder-0.5b-instruct-q4_k_m' },
      out: { type: 'string' },
    },
  });
  const int = (name: string, value: string, min: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got ${value}`);
    return n;
  };
  return {
    rounds: int('rounds', values.rounds, 3),
    llm: values.llm,
    embedChunks: int('embed-chunks', values['embed-chunks'], 1),
    llmChunks: int('llm-chunks', values['llm-chunks'], 1),
    batchSize: int('batch-size', values['batch-size'], 1),
    quality: values.quality,
    qualityLlm: values['quality-llm'],
    out: values.out,
  };
}
