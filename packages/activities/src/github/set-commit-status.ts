import type { Octokit } from '@octokit/rest';
import type { GitHubSource } from '@reviewflow/contract';

/** The commit status context reviewflow reports under. */
export const commitStatusContext = 'reviewflow';

/** One state of the review's commit status. */
export interface CommitStatusUpdate {
  state: 'pending' | 'success' | 'failure' | 'error';
  description: string;
  /** The review in the API; omitted when no public API URL is configured. */
  targetUrl?: string;
}

/**
 * Sets the `reviewflow` commit status of the reviewed head. Naturally idempotent: GitHub shows the
 * latest status per context, so a retried call changes nothing.
 */
export async function setCommitStatus(
  octokit: Octokit,
  source: GitHubSource,
  update: CommitStatusUpdate,
): Promise<void> {
  await octokit.rest.repos.createCommitStatus({
    owner: source.owner,
    repo: source.repo,
    sha: source.headSha,
    state: update.state,
    context: commitStatusContext,
    // GitHub rejects descriptions longer than 140 characters with 422.
    description: update.description.length > 140 ? `${update.description.slice(0, 139)}…` : update.description,
    ...(update.targetUrl ? { target_url: update.targetUrl } : {}),
  });
}
