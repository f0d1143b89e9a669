import { createHash } from 'node:crypto';
import type { FakePullFile, FakePullRequest } from '@reviewflow/devkit';

/** The owner and repository of every pull request of a chaos run. */
export const chaosRepository = { owner: 'acme', repo: 'chaos' } as const;

const sha = (text: string): string => createHash('sha1').update(text).digest('hex');

/**
 * `count` pull requests for the loopback GitHub server, each changing `files` files whose added
 * lines trip the offline reviewer (a debug leftover and a TODO marker per file), so every review
 * posts inline comments and a duplicate comment would show. Head SHAs differ per run (`salt`), so a
 * rerun against the same server never meets an earlier review id.
 */
export function createChaosPullRequests(count: number, files: number, salt: string): FakePullRequest[] {
  return Array.from({ length: count }, (_, i): FakePullRequest => {
    const number = i + 1;
    const pullFiles = Array.from({ length: files }, (_, f): FakePullFile => ({
      filename: `src/pull${number}/module${f}.js`,
      status: 'modified',
      additions: 3,
      deletions: 0,
      changes: 3,
      patch:
        `@@ -1,2 +1,5 @@\n export const value = ${f};\n+export const doubled = value * 2;\n` +
        `+console.log('doubled', doubled);\n+// TODO: drop the log before release\n export default value;`,
    }));
    return {
      ...chaosRepository,
      number,
      headSha: sha(`${salt}:head:${number}`),
      baseSha: sha(`${salt}:base:${number}`),
      files: pullFiles,
    };
  });
}
