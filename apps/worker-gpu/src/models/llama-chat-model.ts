import type { ChatCompletion, ChatModel, ChatRequest } from '@reviewflow/activities';
import type { ComponentInfo } from '@reviewflow/contract';
import type { Llama, LlamaContext, LlamaGrammar, LlamaModel } from 'node-llama-cpp';
import { ModelFilesError } from './model-files-error.js';

/** What {@link LlamaChatModel.load} needs. */
export interface LlamaChatModelOptions {
  /** A GGUF chat model. */
  modelPath: string;
  /** The name results carry. */
  name: string;
  device: 'cpu' | 'cuda';
  /** CPU threads of generation: the cores this worker may use (the default, all, starves a shared machine). */
  threads: number;
  /** Tokens of prompt plus answer. */
  contextSize: number;
  log?: (line: string) => void;
}

/**
 * A GGUF chat model in process, on llama.cpp through node-llama-cpp: every layer on the GPU with
 * CUDA, the CPU build elsewhere. A request with a JSON schema is decoded under a grammar built from
 * that schema, so the answer is valid JSON of the schema by construction, on any GGUF model.
 * Calls take turns on one context sequence: the worker's activity slots bound how many wait.
 */
export class LlamaChatModel implements ChatModel {
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly llama: Llama,
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    readonly info: ComponentInfo,
    readonly device: 'cpu' | 'cuda',
  ) {}

  /** Loads the model (CUDA falls back to the CPU build, logged) and makes its context. */
  static async load(options: LlamaChatModelOptions): Promise<LlamaChatModel> {
    const { getLlama } = await import('node-llama-cpp');
    let device = options.device;
    let llama: Llama;
    try {
      llama = await getLlama({ gpu: device === 'cuda' ? 'cuda' : false, build: 'never', progressLogs: false });
    } catch (err) {
      if (device !== 'cuda') throw err;
      options.log?.(`code LLM: the CUDA build of llama.cpp cannot start (${(err as Error).message}); using the CPU`);
      device = 'cpu';
      llama = await getLlama({ gpu: false, build: 'never', progressLogs: false });
    }
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: options.modelPath, gpuLayers: device === 'cuda' ? 'max' : 0 });
    } catch (err) {
      await llama.dispose();
      throw new ModelFilesError(`cannot load the GGUF model ${options.modelPath}: ${(err as Error).message}`);
    }
    const context = await model.createContext({
      contextSize: Math.min(options.contextSize, model.trainContextSize),
      threads: options.threads,
      sequences: 1,
    });
    return new LlamaChatModel(
      llama,
      model,
      context,
      {
        name: options.name,
        offline: false,
        description: `${options.name}, in process on llama.cpp (${device === 'cuda' ? 'CUDA, all layers on the GPU' : `CPU, ${options.threads} threads`}), JSON-schema grammar`,
      },
      device,
    );
  }

  complete(request: ChatRequest): Promise<ChatCompletion> {
    const turn = this.queue.then(() => this.run(request));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async run(request: ChatRequest): Promise<ChatCompletion> {
    request.signal?.throwIfAborted();
    const { LlamaChatSession } = await import('node-llama-cpp');
    const system = request.messages
      .filter((m) => m.role === 'system')
      .map((m) => m.content)
      .join('\n\n');
    const user = request.messages
      .filter((m) => m.role !== 'system')
      .map((m) => m.content)
      .join('\n\n');
    const grammar = request.jsonSchema ? await this.grammarFor(request.jsonSchema.schema) : undefined;
    const sequence = this.context.getSequence();
    const before = sequence.tokenMeter.getState();
    const session = new LlamaChatSession({
      contextSequence: sequence,
      systemPrompt: system,
      autoDisposeSequence: false,
    });
    try {
      const answer = await session.promptWithMeta(user, {
        ...(grammar ? { grammar } : {}),
        ...(request.maxOutputTokens === undefined ? {} : { maxTokens: request.maxOutputTokens }),
        temperature: 0,
        // Against loops inside a string (a message that repeats itself to the token limit).
        repeatPenalty: { penalty: 1.15, lastTokens: 64 },
        ...(request.signal ? { signal: request.signal } : {}),
      });
      const used = sequence.tokenMeter.diff(before);
      const cut = answer.stopReason === 'maxTokens';
      // Under a grammar, a cut answer is valid JSON up to the cut: its complete array items are
      // kept (the arrays and objects around them closed), rather than the whole answer thrown away.
      const closed = cut && grammar ? closeCutJson(answer.responseText) : undefined;
      return {
        content: closed ?? answer.responseText,
        finishReason: cut && closed === undefined ? 'length' : 'stop',
        usage: { inputTokens: used.usedInputTokens, outputTokens: used.usedOutputTokens },
      };
    } finally {
      session.dispose({ disposeSequence: false });
      sequence.dispose();
    }
  }

  private grammarFor(schema: Record<string, unknown>): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      // The schema type is node-llama-cpp's GBNF subset; the findings schema stays inside it.
      grammar = this.llama.createGrammarForJsonSchema(bounded(schema) as never) as Promise<LlamaGrammar>;
      this.grammars.set(key, grammar);
    }
    return grammar;
  }

  /** Frees the context, the model and the llama.cpp backend. */
  async dispose(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }
}

// Small models under a grammar can repeat an array item until the token limit, and a cut answer is
// no answer: a bound on every array lets the grammar close the JSON in time. (Bounds on strings too
// would be compiled into one grammar rule per character and slow every sampled token down.)
const maxItems = 6;

function bounded(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(bounded);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema))
    out[key] = key === 'enum' || key === 'const' ? value : bounded(value);
  const types = ([] as unknown[]).concat(out.type ?? []);
  if (types.includes('array') && out.maxItems === undefined) out.maxItems = maxItems;
  return out;
}

/**
 * The prefix of a cut JSON text up to its last complete array item, with the open arrays and
 * objects closed; undefined when there is no such item. Strings are tracked, so brackets inside
 * them do not count.
 */
export function closeCutJson(text: string): string | undefined {
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  let best: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      stack.pop();
      // An element of an array just ended: everything so far, closed, is valid JSON.
      if (stack.at(-1) === ']') best = text.slice(0, i + 1) + [...stack].reverse().join('');
    }
  }
  return best;
}
