import type { ComponentInfo } from '../model/component-info.js';
import type { TokenUsage } from '../review/reviewer-output.js';

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

/** A model's answer and what it cost. */
export interface ChatCompletion {
  content: string;
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
