import { realpathSync } from 'node:fs';
import type { GitSource } from '@reviewflow/contract';
import { HttpProblem, ProblemType } from '../http-problem.js';
import { NotAGitRepository, type GitRevisionResolver } from './git-revision-resolver.js';

/** A git source as a client sends it: revisions may be symbolic (`HEAD~1`, a branch, a tag). */
export interface GitSourceRequest {
  kind: 'git';
  path: string;
  base: string;
  head?: string;
}

/**
 * A resolver of git sources to their canonical path and full commit SHAs. The review id is derived
 * from them, so `HEAD` today and `HEAD` after the next commit are different reviews, while a request
 * naming the same commits twice is the same review. Bad input is a 422 problem, before any workflow
 * starts.
 */
export function createGitSourceResolver(
  revisions: GitRevisionResolver,
): (request: GitSourceRequest) => Promise<GitSource> {
  return async (request) => {
    let path: string;
    try {
      // Synchronous on purpose: the libc call takes microseconds on the local disk the repository
      // must be on (git reads it on every request too), while the promise version waits for a
      // thread-pool thread to be scheduled, which on a busy machine costs far more than the call
      // (docs/benchmarks.md, "Where a start's time goes").
      path = realpathSync.native(request.path);
    } catch {
      throw new HttpProblem(
        422,
        ProblemType.gitNotARepository,
        'Not a git repository',
        `${request.path} does not exist`,
      );
    }
    const headRevision = request.head ?? 'HEAD';
    let base: string | undefined;
    let head: string | undefined;
    try {
      [base, head] = await revisions.resolve(path, [request.base, headRevision]);
    } catch (err) {
      if (!(err instanceof NotAGitRepository)) throw err;
      throw new HttpProblem(
        422,
        ProblemType.gitNotARepository,
        'Not a git repository',
        `${request.path} is not a git repository`,
      );
    }
    const unknown = (rev: string) =>
      new HttpProblem(
        422,
        ProblemType.gitUnknownRevision,
        'Unknown revision',
        `${rev} is not a commit in ${request.path}`,
      );
    if (base === undefined) throw unknown(request.base);
    if (head === undefined) throw unknown(headRevision);
    return { kind: 'git', path, base, head };
  };
}
