import { execFileSync } from 'node:child_process';
import type { GitSource } from '@reviewflow/contract';

const sha = (repo: string, rev: string) => execFileSync('git', ['-C', repo, 'rev-parse', rev]).toString().trim();

/** The source of a review of `repo`'s last commit, at resolved SHAs as the API starts it with. */
export function gitSource(repo: string): GitSource {
  return { kind: 'git', path: repo, base: sha(repo, 'HEAD~1'), head: sha(repo, 'HEAD') };
}
