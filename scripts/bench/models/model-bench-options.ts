import { parseArgs } from 'node:util';

/** Parsed command line of `npm run bench:models`. */
export interface ModelBenchOptions {
  /** Alternating rounds of the LLM comparison (at least 3, so a median and a range mean something). */
  rounds: number;
  /** Alternating rounds of the embedding comparison: cheap, and noisier on a shared machine. */
  embedRounds: number;
  /** Catalog id of the LLM of the throughput comparison. */
  llm: string;
  /** Chunks of the embedding review (one file each); batches of `batchSize`. */
  embedChunks: number;
  /** Chunks of the LLM review; every one is a model call per round and side. */
  llmChunks: number;
  batchSize: number;
  /** llama.cpp threads; 1 by default: on 2 shared cores 2 threads ran 2–5× slower than 1. */
  threads: number;
  /**
   * Per answer of the throughput LLM: worker-gpu's default. At 256 SmolLM2's answers were cut
   * before their first finding closed, and the chunk (so the review) failed as ModelOutputInvalid.
   */
  maxOutputTokens: number;
  /** Run the (slow) review-quality comparison with `qualityLlm`. */
  quality: boolean;
  qualityLlm: string;
  /** Results folder; `bench-results/` at the root unless given. */
  out: string | undefined;
}

/**
 * `npm run bench:models [-- --rounds 3] [--embed-rounds 5] [--llm ID] [--embed-chunks 64] [--llm-chunks 4]
 * [--threads 1] [--max-output-tokens 768] [--quality] [--quality-llm ID] [--out DIR]`.
 */
export function parseModelBenchOptions(argv: string[]): ModelBenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string', default: '3' },
      'embed-rounds': { type: 'string', default: '5' },
      llm: { type: 'string', default: 'smollm2-135m-instruct-q4_1' },
      'embed-chunks': { type: 'string', default: '64' },
      'llm-chunks': { type: 'string', default: '3' },
      threads: { type: 'string', default: '1' },
      'max-output-tokens': { type: 'string', default: '768' },
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
    embedRounds: int('embed-rounds', values['embed-rounds'], 3),
    llm: values.llm,
    embedChunks: int('embed-chunks', values['embed-chunks'], 1),
    llmChunks: int('llm-chunks', values['llm-chunks'], 1),
    batchSize: int('batch-size', values['batch-size'], 1),
    threads: int('threads', values.threads, 1),
    maxOutputTokens: int('max-output-tokens', values['max-output-tokens'], 64),
    quality: values.quality,
    qualityLlm: values['quality-llm'],
    out: values.out,
  };
}
