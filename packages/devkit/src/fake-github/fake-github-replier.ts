import type { ServerResponse } from 'node:http';
import type { FakeGitHubState } from './fake-github-state.js';
import { githubRestDocs, type FakeResponse } from './fake-response.js';

const perPageMax = 100;

/**
 * Writes the fake's answers the way GitHub does: JSON with GitHub's media-type and rate-limit
 * headers (the remaining quota counting down over every answer), GitHub's error bodies, and
 * Link-header pagination. An answer a test replaced with `failNext(..., { serve: true })` is swapped
 * in here, after the request was carried out.
 */
export class FakeGitHubReplier {
  private remaining = 5000;
  // Per response, so a concurrent request is never answered with another one's replacement.
  private readonly replacements = new WeakMap<ServerResponse, FakeResponse>();

  constructor(private readonly state: FakeGitHubState) {}

  /** Answers `res` with `response` instead of whatever its handler sends. */
  replace(res: ServerResponse, response: FakeResponse): void {
    this.replacements.set(res, response);
  }

  /** Sends `body` as JSON with GitHub's headers (and `headers` on top). */
  send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const replacement = this.replacements.get(res);
    if (replacement) ({ status, body, headers = {} } = replacement);
    this.remaining = Math.max(0, this.remaining - 1);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(this.remaining),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(5000 - this.remaining),
      'x-ratelimit-resource': 'core',
      ...headers,
    });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  /** Sends GitHub's error body: `message`, `documentation_url`, `status`, and `extra` (such as `errors`). */
  error(res: ServerResponse, status: number, message: string, extra: Record<string, unknown> = {}): void {
    this.send(res, status, { message, documentation_url: githubRestDocs, status: String(status), ...extra });
  }

  /** Sends the page of `items` that `url`'s `page` and `per_page` ask for, with GitHub's Link header. */
  paginate<T>(res: ServerResponse, url: URL, items: T[]): void {
    const perPage = Math.min(perPageMax, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const u = new URL(`${this.state.baseUrl}${url.pathname.replace(/^\/api\/v3/, '')}`);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(p));
      return `<${u.href}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    this.send(
      res,
      200,
      items.slice((page - 1) * perPage, page * perPage),
      links.length ? { link: links.join(', ') } : {},
    );
  }
}
