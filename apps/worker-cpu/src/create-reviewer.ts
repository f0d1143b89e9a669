import {
  apiKeyFromFile,
  apiKeyFromValue,
  HybridReviewer,
  LlmReviewer,
  OfflineReviewer,
  OpenAiChatModel,
  type Reviewer,
} from '@reviewflow/activities';
import type { CpuWorkerConfig } from './config.js';

/**
 * The reviewer this worker runs: the rules beside the LLM reviewer on an OpenAI-compatible server
 * when `LLM_BASE_URL` is set, else the offline rule reviewer alone. The API key stays in this
 * process (a file re-read per call wins over a value), so it never reaches workflow input, history
 * or logs.
 */
export function createReviewer(config: CpuWorkerConfig): Reviewer {
  if (config.LLM_BASE_URL === undefined) return new OfflineReviewer();
  if (config.LLM_MODEL === undefined) throw new Error('LLM_MODEL is required when LLM_BASE_URL is set');
  const apiKey =
    config.LLM_API_KEY_FILE !== undefined
      ? apiKeyFromFile(config.LLM_API_KEY_FILE)
      : apiKeyFromValue(config.LLM_API_KEY);
  const model = new OpenAiChatModel({
    baseUrl: config.LLM_BASE_URL,
    model: config.LLM_MODEL,
    apiKey,
    timeoutMs: config.LLM_TIMEOUT_MS,
  });
  return new HybridReviewer(
    new LlmReviewer(model, { maxOutputTokens: config.LLM_MAX_OUTPUT_TOKENS, secondLook: config.LLM_SECOND_LOOK }),
  );
}
