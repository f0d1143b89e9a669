/**
 * A local git repository and a commit range. In workflow input `base` and `head` are full commit
 * SHAs (the API resolves revisions before starting, so the workflow id names immutable commits).
 */
export interface GitSource {
  kind: 'git';
  /** Absolute path of the repository on the machine the workers run on. */
  path: string;
  base: string;
  head: string;
}

/**
 * A GitHub (or GitHub Enterprise) pull request at one head commit. In workflow input `headSha` is
 * the full SHA (the API resolves it when the caller leaves it out), so the workflow id names an
 * immutable commit; credentials are never part of a source, the worker resolves them.
 */
export interface GitHubSource {
  kind: 'github';
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
}

/** Where the changes under review come from. */
export type ReviewSource = GitSource | GitHubSource;
