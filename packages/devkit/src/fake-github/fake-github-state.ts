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

/**
 * What one fake GitHub holds, shared by its route handlers and the test's handle on it: the pull
 * requests it serves, what was posted to it, the installation tokens it minted.
 */
export interface FakeGitHubState {
  /** By {@link pullKey}. */
  pulls: Map<string, FakePullRequest>;
  /** Reviews posted, by {@link pullKey}. */
  reviews: Map<string, FakeReview[]>;
  /** Commit statuses posted, by {@link statusKey}. */
  statuses: Map<string, FakeStatus[]>;
  /** Tokens handed out by the app's access-token endpoint; only they authenticate in app mode. */
  installationTokens: Set<string>;
  /** The next id the fake hands out, to reviews and statuses alike. */
  nextId: number;
  /** The fake's base URL (`.../api/v3`), known once it listens; links in answers point at it. */
  baseUrl: string;
}

/** An empty {@link FakeGitHubState}. */
export function createFakeGitHubState(): FakeGitHubState {
  return {
    pulls: new Map(),
    reviews: new Map(),
    statuses: new Map(),
    installationTokens: new Set(),
    nextId: 1000,
    baseUrl: '',
  };
}

/** The key of a pull request in {@link FakeGitHubState}: case-insensitive, as GitHub's names are. */
export function pullKey(owner: string, repo: string, n: number | string): string {
  return `${owner}/${repo}#${n}`.toLowerCase();
}

/** The key of a commit's statuses in {@link FakeGitHubState}. */
export function statusKey(owner: string, repo: string, sha: string): string {
  return `${owner}/${repo}@${sha}`.toLowerCase();
}
