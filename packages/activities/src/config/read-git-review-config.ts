import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseRepoReviewConfig, type RepoReviewConfig } from './repo-review-config.js';
import { ReviewConfigError } from './review-config-error.js';

const execFileAsync = promisify(execFile);

/** The file name, at the root of the reviewed repository. */
export const reviewConfigFile = '.reviewflow.yml';

// A review config is a few lines; anything bigger is a mistake, not configuration.
const maxBytes = 64 * 1024;

/**
 * Reads `.reviewflow.yml` as committed at `head` (never the working tree, which may differ from the
 * reviewed revision), or `undefined` when the revision has none.
 */
export async function readGitReviewConfig(repo: string, head: string): Promise<RepoReviewConfig | undefined> {
  // `ls-tree` tells "no such file" (empty output) from other failures by output, not by git's
  // localised messages; `show` then reads exactly that blob.
  const { stdout: listed } = await execFileAsync('git', [
    '-C',
    repo,
    'ls-tree',
    '--name-only',
    head,
    '--',
    reviewConfigFile,
  ]);
  if (listed.trim() === '') return undefined;
  const { stdout } = await execFileAsync('git', ['-C', repo, 'show', `${head}:${reviewConfigFile}`], {
    encoding: 'utf8',
    maxBuffer: maxBytes * 2,
  });
  if (Buffer.byteLength(stdout) > maxBytes)
    throw new ReviewConfigError(`${reviewConfigFile} is larger than ${maxBytes} bytes`);
  return parseRepoReviewConfig(stdout);
}
