import { Octokit } from '@octokit/rest';
import type { GitHubSource } from '@reviewflow/contract';
import { HttpProblem, ProblemType } from '../http-problem.js';

/** A GitHub source as a client sends it: the head SHA may be left out. */
export interface GitHubSourceRequest {
  kind: 'github';
  owner: string;
  repo: string;
  pullNumber: number;
  headSha?: string;
}

/** Where the API asks GitHub, and with which (read-only suffices) token. */
export interface GitHubResolverOptions {
  baseUrl: string;
  token?: () => Promise<string | undefined>;
}

const quiet = { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} };

/**
 * Makes the resolver of GitHub sources. A source with a head SHA is taken as it is, without a call:
 * the fetch activity checks it against the pull request (a mismatch fails the review as
 * `GitHubHeadMismatch`). Without one, GitHub is asked for the pull request's current head, because
 * the review id names the head commit. A pull request GitHub does not know is a 422 problem; any
 * other GitHub trouble a 503 the caller may retry (or avoid by passing `headSha`).
 */
export function createGitHubSourceResolver(
  options: GitHubResolverOptions,
): (request: GitHubSourceRequest) => Promise<GitHubSource> {
  return async (request) => {
    const { owner, repo, pullNumber } = request;
    if (request.headSha !== undefined) return { kind: 'github', owner, repo, pullNumber, headSha: request.headSha };
    const token = await options.token?.();
    const octokit = new Octokit({
      baseUrl: options.baseUrl,
      userAgent: 'reviewflow',
      log: quiet,
      ...(token ? { auth: token } : {}),
    });
    try {
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber });
      return { kind: 'github', owner, repo, pullNumber, headSha: data.head.sha };
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      if (status === 404) {
        throw new HttpProblem(
          422,
          ProblemType.githubPullRequestNotFound,
          'Pull request not found',
          `${owner}/${repo}#${pullNumber} does not exist or is not visible to the API's GitHub token`,
        );
      }
      // Octokit reports a request that got no answer (DNS, refused, reset) as status 500 without a
      // response: saying "GitHub answered 500" then would send whoever reads it to the wrong place.
      const answered = (err as { response?: unknown }).response !== undefined;
      throw new HttpProblem(
        503,
        ProblemType.githubUnavailable,
        'GitHub unavailable',
        answered
          ? `GitHub answered ${String(status)} when asked for the head of ${owner}/${repo}#${pullNumber}; retry, or pass headSha`
          : `GitHub did not answer when asked for the head of ${owner}/${repo}#${pullNumber}; retry, or pass headSha`,
      );
    }
  };
}
