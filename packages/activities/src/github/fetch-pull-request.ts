import type { Octokit } from '@octokit/rest';
import {
  FailureType,
  type Changeset,
  type FileChange,
  type FileChangeStatus,
  type GitHubSource,
} from '@reviewflow/contract';
import { GitHubSourceError } from './github-source-error.js';
import { parsePatchHunks } from './parse-patch-hunks.js';

/** GitHub's documented maximum of files the "list pull request files" endpoint returns. */
export const gitHubMaxListedFiles = 3000;

/**
 * Reads a pull request's changes through the REST API: its metadata (to check the head is the
 * commit under review) and every listed file with its patch, page by page (100 per page, up to
 * GitHub's 3000 files). Files whose patch GitHub leaves out are kept with a skip reason, and files
 * beyond the listing limit are counted, so coverage says what was not reviewed and why.
 *
 * Throws {@link GitHubSourceError} when the head moved; Octokit's errors are rethrown unchanged
 * for the one GitHub error mapping.
 */
export async function fetchPullRequest(octokit: Octokit, source: GitHubSource): Promise<Changeset> {
  const { owner, repo, pullNumber } = source;
  const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: pullNumber });
  if (pull.head.sha !== source.headSha) {
    throw new GitHubSourceError(
      FailureType.GitHubHeadMismatch,
      `${owner}/${repo}#${pullNumber} is at ${pull.head.sha}, not at ${source.headSha} (pushed since the review started)`,
    );
  }
  const listed = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner,
    repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  const files = listed.map(toFileChange);
  const changeset: Changeset = { base: pull.base.sha, head: pull.head.sha, files };
  const unlisted = pull.changed_files - files.length;
  if (unlisted > 0) {
    changeset.omittedFiles = {
      count: unlisted,
      reason: `GitHub lists at most ${gitHubMaxListedFiles} files of a pull request`,
    };
  }
  return changeset;
}

type ListedFile = Awaited<ReturnType<Octokit['rest']['pulls']['listFiles']>>['data'][number];

function toFileChange(file: ListedFile): FileChange {
  const status = statusOf(file);
  const change: FileChange = {
    path: file.filename,
    status,
    additions: file.additions,
    deletions: file.deletions,
    hunks: file.patch ? parsePatchHunks(file.patch) : [],
  };
  if (file.previous_filename) change.oldPath = file.previous_filename;
  // GitHub omits the patch of a file whose diff is too large; its counts still tell it changed.
  if (!file.patch && status !== 'binary' && status !== 'deleted' && file.changes > 0)
    change.skipReason = 'patch-too-large';
  return change;
}

function statusOf(file: ListedFile): FileChangeStatus {
  if (file.status === 'removed') return 'deleted';
  // A binary file has no patch and no line counts (an empty new file looks the same and is skipped alike).
  if (!file.patch && file.changes === 0 && file.status !== 'renamed') return 'binary';
  if (file.status === 'added' || file.status === 'copied') return 'added';
  if (file.status === 'renamed') return 'renamed';
  return 'modified';
}
