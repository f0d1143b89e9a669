import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAuthorized, type FakeGitHubAuth } from './fake-github/fake-github-auth.js';
import { FakeGitHubReplier } from './fake-github/fake-github-replier.js';
import type { FakeGitHubRoute } from './fake-github/fake-github-route.js';
import {
  createFakeGitHubState,
  pullKey,
  statusKey,
  type FakePullRequest,
  type FakeReview,
  type FakeStatus,
} from './fake-github/fake-github-state.js';
import type { FakeResponse } from './fake-github/fake-response.js';
import { installationRoutes } from './fake-github/installation-routes.js';
import { pullRequestRoutes } from './fake-github/pull-request-routes.js';
import { statusRoutes } from './fake-github/status-routes.js';

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

/**
 * A loopback HTTP server that speaks the parts of GitHub's REST wire protocol that reviewflow uses:
 * pull request, files (Link-header pagination, the 3000-file cap), reviews (list and create, with
 * 422 for comments outside the diff), commit statuses, GitHub App installation lookup and tokens
 * (RS256 JWTs verified), rate-limit headers on every answer, and GitHub's error bodies. Tests drive
 * the production Octokit code against it through its base URL; nothing is mocked in process.
 */
export async function startFakeGitHub(options: { auth?: FakeGitHubAuth } = {}): Promise<FakeGitHub> {
  const auth = options.auth ?? { kind: 'none' };
  const state = createFakeGitHubState();
  const reply = new FakeGitHubReplier(state);
  const canned: { method: string; path: RegExp; response: FakeResponse; serve: boolean }[] = [];
  const requests: FakeGitHub['requests'] = [];
  // The app endpoints answer to the app's JWT, so they come before the token check of the rest.
  const appRoutes = installationRoutes(auth, state, reply);
  const apiRoutes: FakeGitHubRoute[] = [pullRequestRoutes(state, reply), statusRoutes(state, reply)];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    requests.push({ method, path: `${url.pathname}${url.search}`, at: Date.now() });
    const cannedAt = canned.findIndex((c) => c.method === method && c.path.test(url.pathname));
    if (cannedAt >= 0) {
      const entry = canned.splice(cannedAt, 1)[0]!;
      if (!entry.serve) return reply.send(res, entry.response.status, entry.response.body, entry.response.headers);
      reply.replace(res, entry.response);
    }
    if (!url.pathname.startsWith('/api/v3/')) return reply.error(res, 404, 'Not Found');
    const request = { req, res, url, method, path: url.pathname.slice('/api/v3'.length) };

    if (await appRoutes(request)) return;
    if (!isAuthorized(auth, state.installationTokens, req)) return reply.error(res, 401, 'Bad credentials');
    for (const route of apiRoutes) if (await route(request)) return;
    return reply.error(res, 404, 'Not Found');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => reply.error(res, 500, `fake GitHub failed: ${String(err)}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;

  return {
    baseUrl: state.baseUrl,
    requests,
    addPullRequest(pull) {
      state.pulls.set(pullKey(pull.owner, pull.repo, pull.number), pull);
    },
    setHead(owner, repo, number, headSha) {
      const pull = state.pulls.get(pullKey(owner, repo, number));
      if (!pull) throw new Error(`no pull request ${owner}/${repo}#${number}`);
      pull.headSha = headSha;
    },
    reviews: (owner, repo, number) => state.reviews.get(pullKey(owner, repo, number)) ?? [],
    statuses: (owner, repo, sha) => state.statuses.get(statusKey(owner, repo, sha)) ?? [],
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
