import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { GitSource } from '@reviewflow/workflows';
import { HttpProblem, ProblemType } from '../http-problem.js';

const run = promisify(execFile);

/** A git source as a client sends it: revisions may be symbolic (`HEAD~1`, a branch, a tag). */
export interface GitSourceRequest {
  kind: 'git';
  path: string;
  base: string;
  head?: string;
}

/**
 * Resolves a git source to its canonical path and full commit SHAs. The review id is derived from
 * them, so `HEAD` today and `HEAD` after the next commit are different reviews, while a request
 * naming the same commits twice is the same review. Bad input is a 422 problem, before any workflow
 * starts.
 */
export async function resolveGitSource(request: GitSourceRequest): Promise<GitSource> {
  let path: string;
  try {
    path = await realpath(request.path);
  } catch {
    throw new HttpProblem(422, ProblemType.gitNotARepository, 'Not a git repository', `${request.path} does not exist`);
  }
  const isRepository = run('git', ['-C', path, 'rev-parse', '--git-dir']).then(
    () => true,
    () => false,
  );
  const resolve = async (rev: string): Promise<string | undefined> => {
    try {
      // `--end-of-options` keeps a revision from being read as an option.
      const { stdout } = await run('git', [
        '-C',
        path,
        'rev-parse',
        '--verify',
        '--quiet',
        '--end-of-options',
        `${rev}^{commit}`,
      ]);
      return stdout.trim();
    } catch {
      return undefined;
    }
  };
  // The three git processes run at once: on every POST /reviews, their start-up is most of the
  // time the gateway adds before Temporal is called.
  const [repository, base, head] = await Promise.all([
    isRepository,
    resolve(request.base),
    resolve(request.head ?? 'HEAD'),
  ]);
  if (!repository) {
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
  if (head === undefined) throw unknown(request.head ?? 'HEAD');
  return { kind: 'git', path, base, head };
}
