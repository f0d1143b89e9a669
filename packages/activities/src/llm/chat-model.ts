import type { ComponentInfo, TokenUsage } from '@reviewflow/contract';

/** One message of a chat conversation. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A chat request; `jsonSchema` asks the model for structured output matching that schema. */
export interface ChatRequest {
  messages: ChatMessage[];
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  maxOutputTokens?: number;
  /** Cancels the request (the activity's cancellation signal). */
  signal?: AbortSignal;
}

/**
 * How a request's `jsonSchema` reached the server: OpenAI's strict `json_schema` response format,
 * `json_object` (with the schema alongside, as llama-cpp-python takes it, and in the prompt), or
 * plain `text` with the schema only in the prompt, for servers that refuse both formats.
 */
export type StructuredOutputMode = 'json_schema' | 'json_object' | 'text';

/** A model's answer and what it cost. */
export interface ChatCompletion {
  content: string;
  /** How the schema was asked for, when the request had one; `text` answers may need more lenient parsing. */
  structuredOutput?: StructuredOutputMode;
  /** `stop` for a complete answer; `length` means the answer was cut at the token limit. */
  finishReason?: string;
  usage?: TokenUsage;
}

/**
 * A chat model behind a provider. The review side has two implementations of the same job: the
 * {@link import('../review/llm-reviewer.js').LlmReviewer} over a `ChatModel` (an OpenAI-compatible
 * server) and the offline rule reviewer, the default, which needs no model at all.
 */
export interface ChatModel {
  readonly info: ComponentInfo;
  complete(request: ChatRequest): Promise<ChatCompletion>;
}
