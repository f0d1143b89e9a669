import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake server received. */
export interface FakeOpenAiRequest {
  path: string;
  authorization?: string;
  body: Record<string, unknown>;
}

/**
 * What the fake server answers to one request: a status, headers and a JSON (or raw string) body;
 * `delayMs` answers late, `hang` never answers (the client's timeout must end the call).
 */
export interface FakeOpenAiReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  hang?: boolean;
}

/** Answers one request; `n` counts requests on the same route, from 1. */
export type FakeOpenAiHandler = (request: FakeOpenAiRequest, n: number) => FakeOpenAiReply | Promise<FakeOpenAiReply>;

/** Options of {@link startFakeOpenAi}. */
export interface FakeOpenAiOptions {
  /** Answers `POST /v1/chat/completions`; default {@link patternReviewModel}. */
  chat?: FakeOpenAiHandler;
  /** Answers `POST /v1/embeddings`; default {@link hashingEmbeddings} of `dimensions`. */
  embeddings?: FakeOpenAiHandler;
  /** Vector size of the default embeddings. Default 64. */
  dimensions?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401. */
  apiKey?: string;
  /**
   * Which `response_format`s chat requests may carry; refused requests are recorded in `requests`
   * but reach no handler (and do not advance its `n`):
   * - `any` (default): everything, like OpenAI.
   * - `llama-cpp-python`: `text` and `json_object` (with or without `schema`); anything else, such as
   *   `json_schema`, gets the 500 that llama-cpp-python 0.3 answers, its validation error inside.
   * - `text-only`: no `response_format` but `text`; others get a 400, like a server or proxy that
   *   does not know the parameter.
   */
  responseFormats?: 'any' | 'llama-cpp-python' | 'text-only';
}

/** A running fake server; `baseUrl` ends in `/v1` like a real OpenAI-compatible base URL. */
export interface FakeOpenAi {
  baseUrl: string;
  requests: FakeOpenAiRequest[];
  /** Stops the server and drops open connections (including hung ones). */
  close(): Promise<void>;
}

/** A chat completion answer with `content`, in OpenAI's wire format, with token usage. */
export function chatReply(
  content: string,
  usage = { prompt: 100, completion: 20 },
  finishReason = 'stop',
): FakeOpenAiReply {
  return {
    body: {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      model: 'fake-model',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
      usage: {
        prompt_tokens: usage.prompt,
        completion_tokens: usage.completion,
        total_tokens: usage.prompt + usage.completion,
      },
    },
  };
}

/**
 * A deterministic stand-in for a reviewing model: in the chunk under review (after "Review this
 * chunk"), every added line that calls `eval(` or sets `innerHTML` gets a `security` finding, and
 * one finding always points at line 99999, outside any diff, which reviewflow must drop. Token usage
 * is the prompt's length / 4 and 30 completion tokens.
 */
export const patternReviewModel: FakeOpenAiHandler = (request) => {
  const messages = (request.body.messages ?? []) as { content?: string }[];
  const prompt = messages.map((m) => m.content ?? '').join('\n');
  const target = prompt.slice(prompt.indexOf('Review this chunk'));
  const file = /^File: (.+)$/m.exec(target)?.[1] ?? 'unknown';
  const findings: unknown[] = [];
  for (const [, line, text] of target.matchAll(/^\+\s*(\d+) \| (.*)$/gm)) {
    if (/\beval\(|\.innerHTML\s*=/.test(text ?? '')) {
      findings.push({
        file,
        line: Number(line),
        severity: 'high',
        category: 'security',
        message: 'Executes or renders untrusted input (fake model)',
        suggestion: 'Parse the input instead',
      });
    }
  }
  findings.push({
    file,
    line: 99999,
    severity: 'low',
    category: 'style',
    message: 'outside the diff',
    suggestion: null,
  });
  return chatReply(JSON.stringify({ findings }), { prompt: Math.ceil(prompt.length / 4), completion: 30 });
};

/** Deterministic embeddings: words hashed into `dimensions` buckets, L2-normalised; order kept by `index`. */
export function hashingEmbeddings(dimensions: number): FakeOpenAiHandler {
  return (request) => {
    const input = request.body.input;
    const texts = Array.isArray(input) ? (input as string[]) : [String(input)];
    const data = texts.map((text, index) => {
      const vector = new Array<number>(dimensions).fill(0);
      for (const word of text.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []) {
        let hash = 2166136261;
        for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619);
        vector[(hash >>> 0) % dimensions]! += 1;
      }
      const norm = Math.hypot(...vector) || 1;
      return { object: 'embedding', index, embedding: vector.map((v) => v / norm) };
    });
    // Reversed on the wire: clients must order by `index`, as the API does not promise order.
    return { body: { object: 'list', data: data.reverse(), usage: { prompt_tokens: 1, total_tokens: 1 } } };
  };
}

/** The error answer a server of the given kind gives to the request's `response_format`, if any. */
function refuseResponseFormat(
  kind: NonNullable<FakeOpenAiOptions['responseFormats']>,
  body: Record<string, unknown>,
): FakeOpenAiReply | undefined {
  const format = body.response_format as { type?: unknown } | undefined;
  if (kind === 'any' || format === undefined || format.type === 'text') return undefined;
  if (kind === 'llama-cpp-python') {
    if (format.type === 'json_object') return undefined;
    // Verbatim from llama-cpp-python 0.3.36, whose error handler turns a validation error into a 500.
    const input = String(format.type);
    return {
      status: 500,
      body: {
        error: {
          message:
            "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), " +
            `'msg': "Input should be 'text' or 'json_object'", 'input': '${input}', ` +
            `'ctx': {'expected': "'text' or 'json_object'"}}\n\n  POST /v1/chat/completions`,
          type: 'internal_server_error',
          param: null,
          code: null,
        },
      },
    };
  }
  return {
    status: 400,
    body: {
      error: {
        message: 'Unrecognized request argument supplied: response_format',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

/**
 * A loopback HTTP server speaking the OpenAI wire protocol (`POST /v1/chat/completions`,
 * `POST /v1/embeddings`) on a free port, for tests of the production HTTP providers: handlers script
 * valid answers, malformed JSON, schema-invalid answers, 429/5xx and hangs; `responseFormats` makes
 * it refuse structured-output formats the way llama-cpp-python or a text-only server does.
 */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const handlers: Record<string, FakeOpenAiHandler> = {
    '/v1/chat/completions': options.chat ?? patternReviewModel,
    '/v1/embeddings': options.embeddings ?? hashingEmbeddings(options.dimensions ?? 64),
  };
  const counts = new Map<string, number>();
  const requests: FakeOpenAiRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const text = await readBody(req);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      const handler = handlers[path];
      if (req.method !== 'POST' || !handler) return send(404, { error: { message: `no route ${req.method} ${path}` } });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        return send(400, { error: { message: 'request body is not JSON' } });
      }
      const request: FakeOpenAiRequest = {
        path,
        body,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      };
      requests.push(request);
      if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
        return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } });
      }
      const refused =
        path === '/v1/chat/completions' ? refuseResponseFormat(options.responseFormats ?? 'any', body) : undefined;
      if (refused) return send(refused.status ?? 500, refused.body);
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const reply = await handler(request, n);
      if (reply.hang) return;
      const answer = () => send(reply.status ?? 200, reply.body ?? {}, reply.headers);
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) answer();
        }, reply.delayMs);
        timers.add(timer);
      } else answer();
    })().catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
