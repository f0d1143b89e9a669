import { availableParallelism } from 'node:os';
import { HybridReviewer, LlmReviewer } from '@reviewflow/activities';
import type { GpuWorkerConfig } from './config.js';
import { resolveModelDevice } from './models/detect-gpu.js';
import { LlamaChatModel } from './models/llama-chat-model.js';
import type { LocalModelPath } from './models/local-model-paths.js';

/**
 * The reviewer of this worker's local code LLM (rules beside it), or none: with LLM_PROVIDER `off`,
 * or `auto` without a model, worker-cpu reviews (rules, or its LLM_BASE_URL server).
 */
export async function createLocalReviewer(
  config: GpuWorkerConfig,
  local: LocalModelPath | undefined,
  log: (line: string) => void,
): Promise<{ reviewer: HybridReviewer; model: LlamaChatModel } | undefined> {
  if (config.LLM_PROVIDER === 'off') return undefined;
  if (!local) {
    if (config.LLM_PROVIDER === 'local')
      throw new Error('LLM_PROVIDER=local, but no GGUF model: run npm run models or set LLM_MODEL_PATH');
    return undefined;
  }
  const model = await LlamaChatModel.load({
    modelPath: local.path,
    name: local.name,
    device: resolveModelDevice(config.MODEL_DEVICE),
    threads: config.LLM_THREADS ?? availableParallelism(),
    contextSize: config.LLM_CONTEXT_SIZE,
    log,
  });
  return {
    reviewer: new HybridReviewer(
      new LlmReviewer(model, {
        maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS,
        secondLook: config.LLM_SECOND_LOOK,
        // Greedy decoding under a grammar answers the same prompt the same way: asking again after
        // an invalid answer only repeats it (the chunk then goes to the rules, and says so).
        maxInvalidOutputRetries: 0,
      }),
    ),
    model,
  };
}
