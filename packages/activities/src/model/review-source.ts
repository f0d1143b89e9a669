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

/** Where the changes under review come from. GitHub pull requests join this union later. */
export type ReviewSource = GitSource;
