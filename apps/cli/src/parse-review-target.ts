import path from 'node:path';
import type { ReviewSourceRequest } from './api-client.js';

const pullRequestPattern = /^([A-Za-z0-9][A-Za-z0-9_.-]*)\/([A-Za-z0-9_.-]+)#([1-9][0-9]*)$/;

/**
 * The source of `reviewflow review <target>`: `owner/repo#number` is a GitHub pull request,
 * anything else a path to a local git repository (made absolute: the API wants the path as the
 * workers see it, which for the embedded stack is this machine).
 */
export function parseReviewTarget(
  target: string,
  revisions: { base?: string; head?: string },
  cwd = process.cwd(),
): ReviewSourceRequest {
  const pr = pullRequestPattern.exec(target);
  if (pr) {
    const [, owner, repo, number] = pr;
    if (revisions.base !== undefined) throw new Error('--base does not apply to a pull request: its base is on GitHub');
    if (revisions.head !== undefined && !/^[0-9a-f]{40}$/.test(revisions.head)) {
      throw new Error('--head of a pull request must be a full 40-character commit SHA');
    }
    return {
      kind: 'github',
      owner: owner!,
      repo: repo!,
      pullNumber: Number(number),
      ...(revisions.head === undefined ? {} : { headSha: revisions.head }),
    };
  }
  return {
    kind: 'git',
    path: path.resolve(cwd, target),
    base: revisions.base ?? 'HEAD~1',
    head: revisions.head ?? 'HEAD',
  };
}
