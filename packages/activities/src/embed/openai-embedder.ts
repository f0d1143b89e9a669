import type { ComponentInfo } from '@reviewflow/contract';
import { ModelHttpError } from '../llm/model-http-error.js';
import { postOpenAiJson, type OpenAiCompatibleOptions } from '../llm/openai-compatible-client.js';
import type { Embedder } from './embedder.js';

interface EmbeddingsResponse {
  data?: { index?: unknown; embedding?: unknown }[];
}

/**
 * An embedding model on an OpenAI-compatible server: `POST <baseUrl>/embeddings` with the whole batch
 * as `input` (OpenAI, vLLM, Ollama, TEI's OpenAI route). Vectors are put back in input order by
 * `index` and checked against the configured dimension, because a model swapped behind the same URL
 * would otherwise mix incomparable vectors in one review.
 */
export class OpenAiEmbedder implements Embedder {
  readonly info: ComponentInfo;
  readonly dimensions: number;

  constructor(private readonly options: OpenAiCompatibleOptions & { dimensions: number }) {
    this.dimensions = options.dimensions;
    this.info = {
      name: options.model,
      offline: false,
      description: `OpenAI-compatible embedding model ${options.model} at ${new URL(options.baseUrl).origin}`,
    };
  }

  readonly provider = 'openai-compatible';

  /**
   * An embedder for the server's model at the dimension the model itself answers with, probed
   * with one short input: nobody has to know or set the model's vector length.
   */
  static async connect(options: OpenAiCompatibleOptions): Promise<OpenAiEmbedder> {
    const answer = (await postOpenAiJson(options, '/embeddings', {
      model: options.model,
      input: ['dimension probe'],
    })) as EmbeddingsResponse | undefined;
    const vector = answer?.data?.[0]?.embedding;
    if (!Array.isArray(vector) || vector.length === 0) {
      throw new ModelHttpError(
        `embeddings of ${options.model} at ${new URL(options.baseUrl).origin}: the dimension probe got no vector`,
        'http',
        false,
        200,
      );
    }
    return new OpenAiEmbedder({ ...options, dimensions: vector.length });
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    if (texts.length === 0) return [];
    // Empty input is refused by several servers; a chunk is never empty, but a redacted one could be.
    const input = texts.map((text) => (text === '' ? ' ' : text));
    const answer = (await postOpenAiJson(this.options, '/embeddings', { model: this.options.model, input }, signal)) as
      EmbeddingsResponse | undefined;
    const data = answer?.data;
    if (!Array.isArray(data) || data.length !== texts.length) {
      throw new ModelHttpError(
        `embeddings from ${this.info.description}: expected ${texts.length} vectors, got ${Array.isArray(data) ? data.length : 'none'}`,
        'http',
        true,
        200,
      );
    }
    const vectors = new Array<number[]>(texts.length);
    data.forEach((item, position) => {
      const index = typeof item.index === 'number' ? item.index : position;
      const vector = item.embedding;
      if (!Array.isArray(vector) || !vector.every((v) => typeof v === 'number')) {
        throw new ModelHttpError(
          `embeddings from ${this.info.description}: item ${index} is not a number array`,
          'http',
          true,
          200,
        );
      }
      if (vector.length !== this.dimensions) {
        // Configuration, not luck: the model's dimension differs from EMBEDDING_DIMENSIONS.
        throw new ModelHttpError(
          `embeddings from ${this.info.description} have ${vector.length} dimensions, configured ${this.dimensions}`,
          'http',
          false,
          200,
        );
      }
      vectors[index] = vector as number[];
    });
    if (vectors.some((v) => v === undefined)) {
      throw new ModelHttpError(
        `embeddings from ${this.info.description}: indexes do not cover the input`,
        'http',
        true,
        200,
      );
    }
    return vectors;
  }
}
