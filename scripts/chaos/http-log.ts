import { ReplicaBalancer } from './replica-balancer.js';

/** One HTTP exchange a chaos client had with the API. */
export interface HttpExchange {
  /** Milliseconds since the run began, when the request was sent. */
  sentAt: number;
  /** Milliseconds since the run began, when the answer (or the error) arrived. */
  at: number;
  method: string;
  path: string;
  /** The status, or undefined when no answer came (connection refused or reset). */
  status?: number;
  /** Problem `type` of an error answer. */
  problemType?: string;
  /** Why no answer came: the error code (ECONNREFUSED, ECONNRESET, ...). */
  error?: string;
  /** The API replica that was called, when there are several. */
  base?: string;
}

/** A JSON answer of the API, or the reason there was none. */
export type LoggedAnswer = { ok: true; status: number; body: Record<string, unknown> } | { ok: false; error: string };

/**
 * Every answer the chaos clients got, with its time, so the checks can tell a 5xx inside a fault's
 * window from one outside any.
 */
export class HttpLog {
  readonly exchanges: HttpExchange[] = [];
  private readonly balancer: ReplicaBalancer;

  /** `bases`: the API's URL, or the URLs of its replicas (calls are spread over them). */
  constructor(
    bases: string | string[],
    private readonly key: string,
    private readonly began: number,
  ) {
    this.balancer = new ReplicaBalancer(Array.isArray(bases) ? bases : [bases]);
  }

  /** Calls the API and records what came back; never throws for HTTP or connection failures. */
  async call(method: string, path: string, body?: unknown): Promise<LoggedAnswer> {
    const sentAt = Date.now() - this.began;
    const base = this.balancer.pick();
    const replica = this.balancer.bases.length > 1 ? { base } : {};
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // A request stuck on a dead server must end as a recorded failure, not hang the client; but
        // only after the API's own request deadline (30 s by default), so that what is judged is the
        // API's answer, not a client that gave up at the same moment the API answered.
        signal: AbortSignal.timeout(40_000),
      });
      const text = await res.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = { unparsed: text.slice(0, 200) };
      }
      const exchange: HttpExchange = {
        sentAt,
        at: Date.now() - this.began,
        method,
        path,
        status: res.status,
        ...replica,
      };
      if (res.status >= 400 && typeof parsed.type === 'string') exchange.problemType = parsed.type;
      this.exchanges.push(exchange);
      return { ok: true, status: res.status, body: parsed };
    } catch (err) {
      const error = errorCode(err);
      this.balancer.unreachable(base);
      this.exchanges.push({ sentAt, at: Date.now() - this.began, method, path, error, ...replica });
      return { ok: false, error };
    }
  }
}

/** The most specific code of a failed fetch: undici wraps the socket error in `cause`. */
function errorCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return err instanceof Error ? err.name : String(err);
}
