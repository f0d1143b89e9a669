import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';

/**
 * How the worker authenticates to GitHub. Secrets are given by reference (a function that reads
 * them when a client is made), so they live only in the worker's memory and never in workflow input
 * or history; a token file that is rotated is picked up by the next activity.
 */
export type GitHubAuth =
  | { kind: 'none' }
  | { kind: 'token'; token: () => Promise<string> }
  | { kind: 'app'; appId: string; privateKey: () => Promise<string> };

/** Settings of {@link createGitHubClients}. */
export interface GitHubClientOptions {
  /** `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server. */
  baseUrl: string;
  auth: GitHubAuth;
}

/** Hands out an authenticated Octokit for a repository. */
export interface GitHubClients {
  forRepository(owner: string, repo: string): Promise<Octokit>;
}

const userAgent = 'reviewflow';
// Octokit's request log prints every 4xx to stderr; failures are reported once, typed, through
// Temporal instead. Deprecation warnings still get through.
const log = { debug: () => {}, info: () => {}, warn: console.warn, error: () => {} };

/**
 * Octokit clients for the GitHub activities. With a GitHub App the client of a repository is
 * authenticated as the app's installation on it: the installation is looked up with the app's JWT
 * and @octokit/auth-app mints (and caches, renewing before expiry) the installation token inside
 * the activity. No retry or throttling plugin is added on purpose: retries belong to Temporal, with
 * the delays that the one error mapping derives from GitHub's rate-limit headers.
 */
export function createGitHubClients(options: GitHubClientOptions): GitHubClients {
  const { baseUrl, auth } = options;
  const installations = new Map<number, Octokit>();
  return {
    async forRepository(owner, repo) {
      if (auth.kind === 'none') return new Octokit({ baseUrl, userAgent, log });
      if (auth.kind === 'token') return new Octokit({ baseUrl, userAgent, log, auth: await auth.token() });
      const privateKey = await auth.privateKey();
      const asApp = new Octokit({
        baseUrl,
        userAgent,
        log,
        authStrategy: createAppAuth,
        auth: { appId: auth.appId, privateKey },
      });
      const { data } = await asApp.rest.apps.getRepoInstallation({ owner, repo });
      let client = installations.get(data.id);
      if (!client) {
        client = new Octokit({
          baseUrl,
          userAgent,
          log,
          authStrategy: createAppAuth,
          auth: { appId: auth.appId, privateKey, installationId: data.id },
        });
        installations.set(data.id, client);
      }
      return client;
    },
  };
}
