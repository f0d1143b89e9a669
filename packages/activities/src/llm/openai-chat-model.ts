import OpenAI from 'openai';
import type { ComponentInfo } from '@reviewflow/contract';
import type { ChatCompletion, ChatMessage, ChatModel, ChatRequest, StructuredOutputMode } from './chat-model.js';
import { compatibleServerFetch } from './compatible-server-fetch.js';
import { ModelHttpError } from './model-http-error.js';
import type { OpenAiCompatibleOptions } from './openai-compatible-client.js';
import { isStructuredOutputRefusal } from './structured-output-refusal.js';
import { toModelHttpError } from './to-model-http-error.js';

/** The modes a request with a schema tries, best first. */
const modes: readonly StructuredOutputMode[] = ['json_schema', 'json_object', 'text'];

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0);

/**
 * A chat model on an OpenAI-compatible server, through the official `openai` SDK:
 * `POST <baseUrl>/chat/completions` at temperature 0, as a review should not depend on sampling luck
 * more than it must. The SDK retries 408, 409, 429, 5xx, timeouts and connection errors up to
 * `maxRetries` times (paced by {@link compatibleServerFetch}); what still fails becomes a
 * {@link ModelHttpError}. The API key is resolved from its source on every call and sent only as a
 * header; a source without a key sends no `Authorization` at all.
 *
 * A request with a schema asks for structured output in the best mode the server accepts: OpenAI's
 * strict `json_schema` (OpenAI, vLLM, Ollama, llama.cpp's own server); when that is refused,
 * `json_object` with the schema beside it and in the system prompt (llama-cpp-python, which turns
 * the schema into a grammar); when that is refused too, plain text with the schema in the prompt.
 * The first mode that works is remembered for this endpoint, so later calls go straight to it.
 */
export class OpenAiChatModel implements ChatModel {
  readonly info: ComponentInfo;
  private readonly client: OpenAI;
  private readonly url: string;
  private readonly timeoutMs: number;
  private mode: StructuredOutputMode = 'json_schema';

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.info = {
      name: options.model,
      offline: false,
      description: `OpenAI-compatible chat model ${options.model} at ${new URL(options.baseUrl).origin}`,
    };
    this.url = options.baseUrl.replace(/\/+$/, '') + '/chat/completions';
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.client = new OpenAI({
      baseURL: options.baseUrl,
      // The SDK insists on a key at construction; every request sets or removes Authorization itself.
      apiKey: 'set-per-request',
      // Explicit nulls, so the SDK reads none of its OPENAI_* variables: this worker's configuration
      // is its config schema, and an admin key or organisation from the environment must not leak in.
      adminAPIKey: null,
      organization: null,
      project: null,
      webhookSecret: null,
      timeout: this.timeoutMs,
      maxRetries: options.maxRetries ?? 2,
      fetch: compatibleServerFetch({ retryBaseDelayMs: options.retryBaseDelayMs ?? 500 }),
      // The SDK's debug log would print prompts; failures reach the worker's log as ModelHttpErrors.
      logLevel: 'off',
    });
  }

  /** The mode the next request with a schema starts in: the best one this endpoint has not refused. */
  get structuredOutput(): StructuredOutputMode {
    return this.mode;
  }

  async complete(request: ChatRequest): Promise<ChatCompletion> {
    const apiKey = await this.options.apiKey?.();
    const headers = { Authorization: apiKey === undefined ? null : `Bearer ${apiKey}` };
    let mode = request.jsonSchema ? this.mode : undefined;
    for (;;) {
      let answer: OpenAI.ChatCompletion;
      try {
        answer = await untilAborted(
          this.client.chat.completions.create(this.body(request, mode), {
            headers,
            ...(request.signal ? { signal: request.signal } : {}),
          }),
          request.signal,
        );
      } catch (err) {
        // Cancellation ends the call as fetch would end it, with the signal's reason.
        if (request.signal?.aborted) throw request.signal.reason ?? err;
        const next = mode === undefined ? undefined : modes[modes.indexOf(mode) + 1];
        if (next !== undefined && refusesStructuredOutput(err)) {
          mode = next;
          continue;
        }
        throw toModelHttpError(err, this.url, this.timeoutMs);
      }
      // Only ever downwards: a call that started before another learned of a refusal must not undo it.
      if (mode !== undefined && modes.indexOf(mode) > modes.indexOf(this.mode)) this.mode = mode;
      return this.toCompletion(answer, mode);
    }
  }

  private body(
    request: ChatRequest,
    mode: StructuredOutputMode | undefined,
  ): OpenAI.ChatCompletionCreateParamsNonStreaming {
    const body: OpenAI.ChatCompletionCreateParamsNonStreaming = {
      model: this.options.model,
      messages: request.messages,
      temperature: 0,
    };
    // max_tokens, not max_completion_tokens: llama-cpp-python, vLLM and Ollama know only the former.
    if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens;
    const schema = request.jsonSchema;
    if (schema === undefined || mode === undefined) return body;
    if (mode === 'json_schema') {
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: schema.name, strict: true, schema: schema.schema },
      };
      return body;
    }
    body.messages = withSchemaInPrompt(request.messages, schema.schema);
    if (mode === 'json_object') {
      // `schema` beside the type is llama-cpp-python's extension (it constrains decoding to it);
      // servers that do not know it ignore it, and the prompt carries the schema for them.
      body.response_format = { type: 'json_object', schema: schema.schema } as OpenAI.ResponseFormatJSONObject;
    }
    return body;
  }

  private toCompletion(answer: OpenAI.ChatCompletion, mode: StructuredOutputMode | undefined): ChatCompletion {
    const choice = answer?.choices?.[0];
    const content: unknown = choice?.message?.content;
    if (typeof content !== 'string') {
      // A well-formed HTTP answer without a message: a broken server or proxy, worth a retry.
      const refusal =
        typeof choice?.message?.refusal === 'string' ? ` (refusal: ${choice.message.refusal.slice(0, 200)})` : '';
      throw new ModelHttpError(
        `chat completion from ${this.info.description} has no message content${refusal}`,
        'http',
        true,
        200,
      );
    }
    return {
      content,
      ...(typeof choice?.finish_reason === 'string' ? { finishReason: choice.finish_reason } : {}),
      ...(answer.usage
        ? {
            usage: {
              inputTokens: count(answer.usage.prompt_tokens),
              outputTokens: count(answer.usage.completion_tokens),
            },
          }
        : {}),
      ...(mode === undefined ? {} : { structuredOutput: mode }),
    };
  }
}

function refusesStructuredOutput(err: unknown): boolean {
  if (!(err instanceof OpenAI.APIError) || typeof err.status !== 'number') return false;
  // compatibleServerFetch has put the server's own message into OpenAI's error shape.
  const message = (err.error as { message?: unknown } | undefined)?.message;
  return isStructuredOutputRefusal(err.status, typeof message === 'string' ? message : err.message);
}

/** The messages with the schema added to the system prompt (or a system prompt of its own). */
function withSchemaInPrompt(messages: ChatMessage[], schema: Record<string, unknown>): ChatMessage[] {
  const instruction =
    'Answer with one JSON object and nothing else: no prose and no Markdown fence. ' +
    `It must match this JSON schema:\n${JSON.stringify(schema)}`;
  const system = messages.findIndex((m) => m.role === 'system');
  if (system === -1) return [{ role: 'system', content: instruction }, ...messages];
  return messages.map((m, i) => (i === system ? { ...m, content: `${m.content}\n\n${instruction}` } : m));
}

/**
 * Settles with `work`, or rejects at once with the signal's reason when it is aborted: the SDK sees
 * the abort only between its retries, after a backoff of up to 30 s a cancelled review should not wait.
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
