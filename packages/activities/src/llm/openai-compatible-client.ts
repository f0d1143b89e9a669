import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiKeySource } from './api-key-source.js';
import { ModelHttpError } from './model-http-error.js';
import { isRetryableStatus, retryDelayMs } from './retry-delay.js';
import { serverErrorMessage } from './server-error-message.js';

/**
 * Where and how to reach an OpenAI-compatible server (OpenAI, vLLM, Ollama, TEI, llama-cpp-python,
 * ...). The chat model sends these through the `openai` SDK; the embedder through
 * {@link postOpenAiJson}. Both retry and pace the same way.
 */
export interface OpenAiCompatibleOptions {
  /** Base URL including the version prefix, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  model: string;
  apiKey?: ApiKeySource;
  /** Per HTTP request; a hung server fails the call instead of holding an activity slot. Default 60 s. */
  timeoutMs?: number;
  /**
   * Extra attempts of a failed request inside one activity attempt (429, 5xx, timeouts). Small on
   * purpose: Temporal's retry policy, with its longer backoff, takes over after these. Default 2.
   */
  maxRetries?: number;
  /**
   * First backoff between in-process retries of an HTTP error; doubles each time. Default 500 ms.
   * (The chat model's retries of timeouts and connection errors keep the SDK's own backoff.)
   */
  retryBaseDelayMs?: number;
}

/**
 * POSTs `body` as JSON to `<baseUrl><path>` and returns the parsed JSON answer. Retries 408, 409,
 * 429, 5xx, timeouts and network errors up to `maxRetries` times, honouring `Retry-After`; then
 * throws a {@link ModelHttpError} that says whether a later attempt may succeed. `signal` is the
 * activity's cancellation, so a cancelled review stops waiting for the model at once.
 */
export async function postOpenAiJson(
  options: OpenAiCompatibleOptions,
  path: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  const url = options.baseUrl.replace(/\/+$/, '') + path;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = options.maxRetries ?? 2;
  const baseDelay = options.retryBaseDelayMs ?? 500;
  const apiKey = await options.apiKey?.();
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  const payload = JSON.stringify(body);

  for (let attempt = 0; ; attempt++) {
    let error: ModelHttpError;
    // The answer's headers, for its Retry-After.
    let retryAfter: Headers | undefined;
    try {
      const timeout = AbortSignal.timeout(timeoutMs);
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: payload,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const text = await response.text();
      if (response.ok) {
        try {
          return JSON.parse(text) as unknown;
        } catch (cause) {
          // A 200 that is not JSON is a proxy or server fault, not the model's answer: retry it.
          error = new ModelHttpError(
            `${url} answered ${response.status} with a body that is not JSON`,
            'http',
            true,
            response.status,
            { cause },
          );
        }
      } else {
        error = new ModelHttpError(
          `${url} answered ${response.status}${describeErrorBody(text)}`,
          'http',
          isRetryableStatus(response.status),
          response.status,
        );
        retryAfter = response.headers;
      }
    } catch (cause) {
      if (signal?.aborted) throw cause;
      const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
      error = timedOut
        ? new ModelHttpError(`${url} did not answer within ${timeoutMs} ms`, 'timeout', true, undefined, { cause })
        : new ModelHttpError(`${url} could not be reached: ${(cause as Error).message}`, 'network', true, undefined, {
            cause,
          });
    }
    if (!error.retryable || attempt >= maxRetries) throw error;
    await sleep(retryDelayMs(baseDelay, attempt, retryAfter), undefined, { signal });
  }
}

/** The server's own error message, shortened: it helps operators, and an error body holds no prompt. */
function describeErrorBody(text: string): string {
  const message = serverErrorMessage(text).slice(0, 200);
  return message === '' ? '' : `: ${message}`;
}
