import { ApiError, ApiUnreachableError, type Problem } from './api-error.js';
import type { paths } from './generated/openapi.js';
import { readEventStream } from './read-event-stream.js';
import { terminalStatuses } from './review-status.js';
import type { ReviewSummary, ReviewView } from './review-view.js';

/** Where the API is and how to authenticate. */
export interface ApiClientOptions {
  url: string;
  apiKey?: string;
  /** Called with each problem event of a review's event stream (progress briefly unavailable). */
  onStreamProblem?: (problem: Problem) => void;
}

/** What `POST /reviews` takes. */
export type StartReviewRequest = paths['/reviews']['post']['requestBody']['content']['application/json'];

/** What a review reviews: a local git repository or a GitHub pull request. */
export type ReviewSourceRequest = StartReviewRequest['source'];

/** The filters and page size of `GET /reviews`. */
export type ListReviewsQuery = NonNullable<paths['/reviews']['get']['parameters']['query']>;

/** What `POST /reviews/:id/approval` takes. */
export type DecisionRequest = paths['/reviews/{id}/approval']['post']['requestBody']['content']['application/json'];

/** What `POST /reviews/:id/approval` answers. */
export type DecisionResponse = paths['/reviews/{id}/approval']['post']['responses'][200]['content']['application/json'];

/** The reviewflow HTTP API, one method per operation the CLI uses. */
export interface ApiClient {
  startReview(body: StartReviewRequest): Promise<{ review: ReviewView; created: boolean }>;
  getReview(id: string): Promise<ReviewView>;
  listReviews(query: ListReviewsQuery): Promise<{ reviews: ReviewSummary[] }>;
  decide(id: string, decision: DecisionRequest['decision'], reason?: string): Promise<DecisionResponse>;
  cancel(id: string): Promise<void>;
  /**
   * Calls `onView` with every state of a review until it ends and resolves with the final one.
   * Follows `GET /reviews/:id/events`, reconnecting after a dropped stream (every event is a full
   * snapshot, so nothing is missed), and polls `GET /reviews/:id` against an API without it.
   */
  watchReview(id: string, onView: (view: ReviewView) => void, signal?: AbortSignal): Promise<ReviewView>;
}

const reconnectDelayMs = 1000;
const maxReconnects = 10;

/** A client over `fetch` for the API at `options.url`. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = options.url.replace(/\/+$/, '');
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    ...extra,
  });

  const send = async (method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw new ApiUnreachableError(base, err);
    }
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    return response;
  };
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> =>
    (await (await send(method, path, body)).json()) as T;
  const reviewPath = (id: string): string => `/reviews/${encodeURIComponent(id)}`;

  const client: ApiClient = {
    async startReview(body) {
      const response = await send('POST', '/reviews', body);
      return { review: (await response.json()) as ReviewView, created: response.status === 202 };
    },
    getReview: (id) => json('GET', reviewPath(id)),
    listReviews(query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
      const qs = params.toString();
      return json('GET', `/reviews${qs ? `?${qs}` : ''}`);
    },
    decide: (id, decision, reason) =>
      json('POST', `${reviewPath(id)}/approval`, { decision, ...(reason === undefined ? {} : { reason }) }),
    async cancel(id) {
      await send('POST', `${reviewPath(id)}/cancel`);
    },
    async watchReview(id, onView, signal) {
      let last: ReviewView | undefined;
      let failures = 0;
      for (;;) {
        try {
          const response = await send('GET', `${reviewPath(id)}/events`, undefined, signal);
          for await (const event of readEventStream(response.body!)) {
            failures = 0;
            if (event.event === 'progress') {
              last = JSON.parse(event.data) as ReviewView;
              onView(last);
            } else if (event.event === 'problem') {
              options.onStreamProblem?.(JSON.parse(event.data) as Problem);
            }
          }
          // The server closes the stream when the review ended; a stream cut short is resumed.
          if (last && terminalStatuses.has(last.status)) return last;
        } catch (err) {
          if (signal?.aborted) throw err;
          // An API from before the events route: same result, by polling.
          if (err instanceof ApiError && err.status === 404 && err.kind === 'not-found') {
            return pollReview(client, id, onView, signal);
          }
          if (err instanceof ApiError && err.status < 500) throw err;
          if (++failures > maxReconnects) throw err;
        }
        await new Promise((resolve) => setTimeout(resolve, reconnectDelayMs));
      }
    },
  };
  return client;
}

async function pollReview(
  client: ApiClient,
  id: string,
  onView: (view: ReviewView) => void,
  signal?: AbortSignal,
): Promise<ReviewView> {
  let lastJson = '';
  for (;;) {
    signal?.throwIfAborted();
    const view = await client.getReview(id);
    const json = JSON.stringify(view);
    if (json !== lastJson) onView(view);
    lastJson = json;
    if (terminalStatuses.has(view.status)) return view;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === 'object') return { status: response.status, ...(body as Problem) };
  } catch {
    // Not JSON: a proxy's error page, say.
  }
  return {
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
    detail: text.slice(0, 500),
  };
}
