import type { ComponentInfo } from '../model/component-info.js';
import type { ChatCompletion, ChatModel, ChatRequest } from './chat-model.js';
import { ModelHttpError } from './model-http-error.js';
import { postOpenAiJson, type OpenAiCompatibleOptions } from './openai-compatible-client.js';

interface ChatCompletionResponse {
  choices?: { message?: { content?: unknown; refusal?: unknown }; finish_reason?: unknown }[];
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
}

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0);

/**
 * A chat model on an OpenAI-compatible server: `POST <baseUrl>/chat/completions`, with
 * `response_format: { type: "json_schema", strict: true }` when the request has a schema (OpenAI,
 * vLLM's guided decoding and Ollama all accept it). Temperature 0, as a review should not depend on
 * sampling luck more than it must.
 */
export class OpenAiChatModel implements ChatModel {
  readonly info: ComponentInfo;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.info = {
      name: options.model,
      offline: false,
      description: `OpenAI-compatible chat model ${options.model} at ${new URL(options.baseUrl).origin}`,
    };
  }

  async complete(request: ChatRequest): Promise<ChatCompletion> {
    const body: Record<string, unknown> = {
      model: this.options.model,
      messages: request.messages,
      temperature: 0,
    };
    if (request.maxOutputTokens !== undefined) body.max_tokens = request.maxOutputTokens;
    if (request.jsonSchema) {
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: request.jsonSchema.name, strict: true, schema: request.jsonSchema.schema },
      };
    }
    const answer = (await postOpenAiJson(
      this.options,
      '/chat/completions',
      body,
      request.signal,
    )) as ChatCompletionResponse;
    const choice = answer?.choices?.[0];
    const content = choice?.message?.content;
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
    };
  }
}
