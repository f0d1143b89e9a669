import type { ClientOptions } from 'openai';
import { isRetryableStatus, retryDelayMs } from './retry-delay.js';
import { serverErrorMessage } from './server-error-message.js';
import { isStructuredOutputRefusal } from './structured-output-refusal.js';

type Fetch = NonNullable<ClientOptions['fetch']>;

/** Options of {@link compatibleServerFetch}. */
export interface CompatibleServerFetchOptions {
  /** First backoff between the SDK's retries of an HTTP error; doubles each retry. */
  retryBaseDelayMs: number;
  /** The fetch underneath; default the global one. */
  fetch?: Fetch;
}

const nullBodyStatus = new Set([101, 204, 205, 304]);

/**
 * The `fetch` the OpenAI SDK uses for chat completions, adapting what OpenAI-compatible servers
 * answer to what the SDK's retry logic and errors expect (chat answers are small and never streamed
 * here, so each is read whole):
 *
 * - An error body becomes OpenAI's `{"error":{"message"}}`, so the SDK's error carries the server's
 *   own message whatever its shape (FastAPI's `detail`, TGI's bare `error`, plain text).
 * - A 5xx that refuses the request's `response_format` (llama-cpp-python answers 500 to
 *   `json_schema`) gets `x-should-retry: false`: repeating it cannot help, the next mode can.
 * - A retryable status gets `retry-after-ms`: `retryBaseDelayMs` doubled per retry, or the server's
 *   Retry-After when longer, capped at 30 s. The SDK's own backoff has no configurable base and
 *   honours any Retry-After, however long.
 * - A 200 whose body is not JSON (a proxy's error page) becomes a 502, which the SDK retries.
 */
export function compatibleServerFetch(options: CompatibleServerFetchOptions): Fetch {
  const inner = options.fetch ?? globalThis.fetch;
  return async (input, init) => {
    const response = await inner(input, init);
    if (nullBodyStatus.has(response.status)) return response;
    const text = await response.text();
    // The body is handed on decoded, so its original framing headers no longer describe it.
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    if (response.ok && isJson(text)) {
      return new Response(text, { status: response.status, statusText: response.statusText, headers });
    }
    const status = response.ok ? 502 : response.status;
    const message = response.ok
      ? `the server answered ${response.status} with a body that is not JSON`
      : serverErrorMessage(text);
    if (isRetryableStatus(status)) {
      const retryCount = Number(new Headers(init?.headers).get('x-stainless-retry-count') ?? 0) || 0;
      headers.set('retry-after-ms', String(retryDelayMs(options.retryBaseDelayMs, retryCount, response.headers)));
      headers.delete('retry-after');
    }
    if (asksForResponseFormat(init) && status >= 500 && isStructuredOutputRefusal(status, message)) {
      headers.set('x-should-retry', 'false');
    }
    return errorResponse(status, message, headers, response.ok ? 'Bad Gateway' : response.statusText);
  };
}

function errorResponse(status: number, message: string, headers: Headers, statusText?: string): Response {
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify({ error: { message } }), {
    status,
    ...(statusText ? { statusText } : {}),
    headers,
  });
}

function asksForResponseFormat(init: RequestInit | undefined): boolean {
  return typeof init?.body === 'string' && init.body.includes('"response_format"');
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
