import { createPublicKey, createVerify, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One file of a pull request as GitHub's "list pull request files" endpoint returns it. */
export interface FakePullFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  previous_filename?: string;
}

/** A pull request the fake serves. */
export interface FakePullRequest {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  draft?: boolean;
  files: FakePullFile[];
  /** `changed_files` GitHub reports; default: the number of files (set higher to model the 3000-file cap). */
  changedFiles?: number;
}

/** A review posted to the fake, as received. */
export interface FakeReview {
  id: number;
  body: string;
  event: string;
  commit_id: string;
  comments: { path: string; line: number; side?: string; body: string }[];
  html_url: string;
}

/** A commit status posted to the fake. */
export interface FakeStatus {
  sha: string;
  state: string;
  context: string;
  description?: string;
  target_url?: string;
}

/** A canned answer for the next matching request: errors, rate limits. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** How the fake authenticates callers. */
export type FakeGitHubAuth =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  | { kind: 'app'; appId: string; publicKeyPem: string; installationId: number };

/** A running fake GitHub REST API. */
export interface FakeGitHub {
  /** Base URL to hand Octokit: GitHub Enterprise style (`/api/v3`), so a configurable base URL is exercised. */
  baseUrl: string;
  addPullRequest(pull: FakePullRequest): void;
  /** Moves a pull request's head (a push). */
  setHead(owner: string, repo: string, number: number, headSha: string): void;
  reviews(owner: string, repo: string, number: number): FakeReview[];
  statuses(owner: string, repo: string, sha: string): FakeStatus[];
  /** Every request received: method, path with query, arrival time. */
  requests: { method: string; path: string; at: number }[];
  /**
   * Answers the next request whose method and path match with `response` instead of serving it;
   * with `serve: true` the request is carried out first and only its answer is replaced (a
   * response lost on the way back).
   */
  failNext(method: string, path: RegExp, response: FakeResponse, options?: { serve?: boolean }): void;
  close(): Promise<void>;
}

const docs = 'https://docs.github.com/rest';
const perPageMax = 100;
// GitHub's documented cap of the "list pull request files" endpoint.
const maxListedFiles = 3000;

/**
 * A loopback HTTP server that speaks the parts of GitHub's REST wire protocol that reviewflow uses:
 * pull request, files (Link-header pagination, the 3000-file cap), reviews (list and create, with
 * 422 for comments outside the diff), commit statuses, GitHub App installation lookup and tokens
 * (RS256 JWTs verified), rate-limit headers on every answer, and GitHub's error bodies. Tests drive
 * the production Octokit code against it through its base URL; nothing is mocked in process.
 */
export async function startFakeGitHub(options: { auth?: FakeGitHubAuth } = {}): Promise<FakeGitHub> {
  const auth = options.auth ?? { kind: 'none' };
  const pulls = new Map<string, FakePullRequest>();
  const reviews = new Map<string, FakeReview[]>();
  const statuses = new Map<string, FakeStatus[]>();
  const canned: { method: string; path: RegExp; response: FakeResponse; serve: boolean }[] = [];
  // Per response, so a concurrent request is never answered with another one's replacement.
  const replaceAnswer = new WeakMap<ServerResponse, FakeResponse>();
  const installationTokens = new Set<string>();
  const requests: FakeGitHub['requests'] = [];
  const appKey: KeyObject | undefined = auth.kind === 'app' ? createPublicKey(auth.publicKeyPem) : undefined;
  let nextId = 1000;
  let remaining = 5000;
  let baseUrl = '';

  const pullKey = (owner: string, repo: string, n: number | string) => `${owner}/${repo}#${n}`.toLowerCase();

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const replacement = replaceAnswer.get(res);
    if (replacement) ({ status, body, headers = {} } = replacement);
    remaining = Math.max(0, remaining - 1);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': String(5000 - remaining),
      'x-ratelimit-resource': 'core',
      ...headers,
    });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, message: string, extra: Record<string, unknown> = {}) =>
    send(res, status, { message, documentation_url: docs, status: String(status), ...extra });

  const verifyJwt = (header: string | undefined): boolean => {
    if (!appKey || auth.kind !== 'app' || !/^bearer /i.test(header ?? '')) return false;
    const [h, p, s] = (header ?? '').slice('bearer '.length).split('.');
    if (!h || !p || !s) return false;
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${h}.${p}`);
    if (!verifier.verify(appKey, Buffer.from(s, 'base64url'))) return false;
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { iss?: unknown; exp?: number };
    return String(claims.iss) === auth.appId && (claims.exp ?? 0) * 1000 > Date.now();
  };
  const authorized = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization;
    const token = header?.replace(/^(token|bearer) /i, '');
    if (auth.kind === 'none') return true;
    if (auth.kind === 'token') return token === auth.token;
    return token !== undefined && installationTokens.has(token);
  };

  const rightSideLines = (patch: string | undefined): Set<number> => {
    const lines = new Set<number>();
    let line = 0;
    for (const text of (patch ?? '').split('\n')) {
      const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
      if (hunk) line = Number(hunk[1]);
      else if (text.startsWith('+') || text.startsWith(' ')) lines.add(line++);
    }
    return lines;
  };

  const pullJson = (pull: FakePullRequest) => ({
    url: `${baseUrl}/repos/${pull.owner}/${pull.repo}/pulls/${pull.number}`,
    id: 100_000 + pull.number,
    html_url: `https://github.example/${pull.owner}/${pull.repo}/pull/${pull.number}`,
    number: pull.number,
    state: 'open',
    title: `Pull request ${pull.number}`,
    draft: pull.draft ?? false,
    user: { login: 'octocat', id: 1, type: 'User' },
    head: { sha: pull.headSha, ref: 'feature', label: `${pull.owner}:feature` },
    base: { sha: pull.baseSha, ref: 'main', label: `${pull.owner}:main` },
    changed_files: pull.changedFiles ?? pull.files.length,
    additions: pull.files.reduce((n, f) => n + f.additions, 0),
    deletions: pull.files.reduce((n, f) => n + f.deletions, 0),
  });

  const paginate = <T>(res: ServerResponse, url: URL, items: T[]) => {
    const perPage = Math.min(perPageMax, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const u = new URL(`${baseUrl}${url.pathname.replace(/^\/api\/v3/, '')}`);
      u.searchParams.set('per_page', String(perPage));
      u.searchParams.set('page', String(p));
      return `<${u.href}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    send(res, 200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
  };

  const readJson = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    requests.push({ method, path: `${url.pathname}${url.search}`, at: Date.now() });
    const cannedAt = canned.findIndex((c) => c.method === method && c.path.test(url.pathname));
    if (cannedAt >= 0) {
      const entry = canned.splice(cannedAt, 1)[0]!;
      if (!entry.serve) return send(res, entry.response.status, entry.response.body, entry.response.headers);
      replaceAnswer.set(res, entry.response);
    }
    if (!url.pathname.startsWith('/api/v3/')) return error(res, 404, 'Not Found');
    const path = url.pathname.slice('/api/v3'.length);

    if (auth.kind === 'app') {
      const installation = /^\/repos\/([^/]+)\/([^/]+)\/installation$/.exec(path);
      const tokens = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
      if (installation || tokens) {
        if (!verifyJwt(req.headers.authorization)) return error(res, 401, 'A JSON web token could not be decoded');
        if (installation && method === 'GET')
          return send(res, 200, { id: auth.installationId, app_id: Number(auth.appId) });
        if (tokens && method === 'POST' && Number(tokens[1]) === auth.installationId) {
          const token = `ghs_${randomBytes(18).toString('hex')}`;
          installationTokens.add(token);
          return send(res, 201, { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} });
        }
        return error(res, 404, 'Not Found');
      }
    }
    if (!authorized(req)) return error(res, 401, 'Bad credentials');

    let m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)(\/files|\/reviews)?$/.exec(path);
    if (m) {
      const [, owner = '', repo = '', n = '', sub] = m;
      const pull = pulls.get(pullKey(owner, repo, n));
      if (!pull) return error(res, 404, 'Not Found');
      if (!sub && method === 'GET') return send(res, 200, pullJson(pull));
      if (sub === '/files' && method === 'GET') return paginate(res, url, pull.files.slice(0, maxListedFiles));
      const posted = reviews.get(pullKey(owner, repo, n)) ?? [];
      if (sub === '/reviews' && method === 'GET')
        return paginate(
          res,
          url,
          posted.map((r) => ({
            id: r.id,
            body: r.body,
            state: 'COMMENTED',
            commit_id: r.commit_id,
            html_url: r.html_url,
            user: { login: 'reviewflow[bot]' },
          })),
        );
      if (sub === '/reviews' && method === 'POST') {
        const body = await readJson(req);
        if (body.commit_id !== undefined && body.commit_id !== pull.headSha)
          return error(res, 422, 'Unprocessable Entity', { errors: ['commit_id is not part of the pull request'] });
        const comments = (body.comments ?? []) as FakeReview['comments'];
        for (const c of comments) {
          const file = pull.files.find((f) => f.filename === c.path);
          if (!file || (c.side ?? 'RIGHT') !== 'RIGHT' || !rightSideLines(file.patch).has(c.line))
            return error(res, 422, 'Unprocessable Entity', { errors: ['Line could not be resolved'] });
        }
        const id = nextId++;
        const review: FakeReview = {
          id,
          body: String(body.body ?? ''),
          event: String(body.event ?? 'PENDING'),
          commit_id: String(body.commit_id ?? pull.headSha),
          comments,
          html_url: `https://github.example/${pull.owner}/${pull.repo}/pull/${pull.number}#pullrequestreview-${id}`,
        };
        posted.push(review);
        reviews.set(pullKey(owner, repo, n), posted);
        return send(res, 200, {
          id,
          body: review.body,
          state: 'COMMENTED',
          commit_id: review.commit_id,
          html_url: review.html_url,
          user: { login: 'reviewflow[bot]' },
        });
      }
      return error(res, 404, 'Not Found');
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/statuses\/([0-9a-f]{40})$/.exec(path);
    if (m && method === 'POST') {
      const [, owner = '', repo = '', sha = ''] = m;
      const body = await readJson(req);
      const state = String(body.state);
      if (!['pending', 'success', 'failure', 'error'].includes(state))
        return error(res, 422, 'Validation Failed', {
          errors: [
            { resource: 'Status', field: 'state', code: 'custom', message: 'state is not included in the list' },
          ],
        });
      if (typeof body.description === 'string' && body.description.length > 140)
        return error(res, 422, 'Validation Failed', {
          errors: [
            {
              resource: 'Status',
              code: 'custom',
              field: 'description',
              message: 'description is too long (maximum is 140 characters)',
            },
          ],
        });
      const status: FakeStatus = { sha, state, context: String(body.context ?? 'default') };
      if (typeof body.description === 'string') status.description = body.description;
      if (typeof body.target_url === 'string') status.target_url = body.target_url;
      const key = `${owner}/${repo}@${sha}`.toLowerCase();
      statuses.set(key, [...(statuses.get(key) ?? []), status]);
      return send(res, 201, { id: nextId++, ...status, created_at: new Date().toISOString() });
    }
    return error(res, 404, 'Not Found');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => error(res, 500, `fake GitHub failed: ${String(err)}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;

  return {
    baseUrl,
    requests,
    addPullRequest(pull) {
      pulls.set(pullKey(pull.owner, pull.repo, pull.number), pull);
    },
    setHead(owner, repo, number, headSha) {
      const pull = pulls.get(pullKey(owner, repo, number));
      if (!pull) throw new Error(`no pull request ${owner}/${repo}#${number}`);
      pull.headSha = headSha;
    },
    reviews: (owner, repo, number) => reviews.get(pullKey(owner, repo, number)) ?? [],
    statuses: (owner, repo, sha) => statuses.get(`${owner}/${repo}@${sha}`.toLowerCase()) ?? [],
    failNext(method, path, response, options = {}) {
      canned.push({ method, path, response, serve: options.serve ?? false });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** GitHub's answer when the primary rate limit is used up: 403 with `x-ratelimit-remaining: 0`. */
export function rateLimitExhausted(resetEpochSeconds: number): FakeResponse {
  return {
    status: 403,
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-reset': String(resetEpochSeconds),
      'x-ratelimit-resource': 'core',
    },
    body: {
      message: 'API rate limit exceeded for installation ID 1.',
      documentation_url: `${docs}/overview/rate-limits-for-the-rest-api`,
      status: '403',
    },
  };
}

/** GitHub's answer for a secondary rate limit: 403 (or 429) with `retry-after`. */
export function secondaryRateLimit(retryAfterSeconds: number, status: 403 | 429 = 403): FakeResponse {
  return {
    status,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: `${docs}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
      status: String(status),
    },
  };
}
