import type { Octokit } from '@octokit/rest';
import { severities, type Changeset, type Finding, type ReviewReport, type GitHubSource } from '@reviewflow/contract';
import { renderReviewSummary } from '../publish/render-review-summary.js';
import { reviewMarker } from './review-marker.js';

/** What {@link publishPullRequestReview} needs. */
export interface PullRequestReviewInput {
  report: ReviewReport & { source: GitHubSource };
  /** The reviewed changeset: inline comments may only go on lines of its hunks. */
  changeset: Changeset;
  /** Link to the review in the API, shown in the summary when the public API URL is configured. */
  reviewUrl?: string;
  /** Lines with inline comments at most; findings beyond go into the summary. */
  maxInlineComments?: number;
}

/** Where the review is and what went where. */
export interface PullRequestReviewResult {
  url: string;
  /** False when a review with this review's marker already existed. */
  created: boolean;
  inlineComments: number;
  findingsInSummary: number;
}

// GitHub caps a review body at 65 536 characters; the list of unplaced findings stays far below.
const maxSummaryListed = 50;

/**
 * Posts one pull request review for the reviewed head: a summary (the shared Markdown summary,
 * plus the findings that could not be placed) and inline comments, one per line, only on lines
 * that are in the diff (GitHub rejects others with 422). Idempotent: when the pull request already
 * has a review carrying this review's marker, that review is returned and nothing is posted.
 */
export async function publishPullRequestReview(
  octokit: Octokit,
  input: PullRequestReviewInput,
): Promise<PullRequestReviewResult> {
  const { report, changeset } = input;
  const { owner, repo, pullNumber, headSha } = report.source;
  const marker = reviewMarker(report.reviewId, headSha);

  const existing = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner,
    repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  const published = existing.find((r) => (r.body ?? '').includes(marker));

  const diffLines = new Set<string>();
  for (const file of changeset.files) {
    if (file.skipReason !== undefined) continue;
    for (const hunk of file.hunks)
      for (const line of hunk.lines) if (line.newLine !== undefined) diffLines.add(`${file.path}\n${line.newLine}`);
  }
  const byLine = new Map<string, Finding[]>();
  const unplaced: Finding[] = [];
  const ranked = [...report.findings].sort((a, b) => severities.indexOf(b.severity) - severities.indexOf(a.severity));
  for (const finding of ranked) {
    const key = `${finding.file}\n${finding.line}`;
    const line = byLine.get(key);
    if (line) line.push(finding);
    else if (diffLines.has(key) && byLine.size < (input.maxInlineComments ?? 50)) byLine.set(key, [finding]);
    else unplaced.push(finding);
  }

  if (published) {
    return { url: published.html_url, created: false, inlineComments: byLine.size, findingsInSummary: unplaced.length };
  }

  const body = [renderReviewSummary(report).trimEnd()];
  if (unplaced.length > 0) {
    body.push('', `### Findings not on lines of this diff (${unplaced.length})`, '');
    for (const f of unplaced.slice(0, maxSummaryListed))
      body.push(`- **${f.severity}** \`${f.file}:${f.line}\` ${f.message} (${f.rule})`);
    if (unplaced.length > maxSummaryListed) body.push(`- … and ${unplaced.length - maxSummaryListed} more`);
  }
  if (input.reviewUrl) body.push('', `[Review ${report.reviewId} in reviewflow](${input.reviewUrl})`);
  body.push('', marker);

  const { data } = await octokit.rest.pulls.createReview({
    owner,
    repo,
    pull_number: pullNumber,
    commit_id: headSha,
    // COMMENT, never REQUEST_CHANGES: the commit status carries the verdict, and a bot's blocking
    // review would have to be dismissed by hand.
    event: 'COMMENT',
    body: body.join('\n'),
    comments: [...byLine.entries()].map(([key, findings]) => {
      const [path = '', line = '0'] = key.split('\n');
      return {
        path,
        line: Number(line),
        side: 'RIGHT' as const,
        body: findings.map((f) => `**${f.severity}** ${f.message} (\`${f.rule}\`)`).join('\n\n'),
      };
    }),
  });
  return { url: data.html_url, created: true, inlineComments: byLine.size, findingsInSummary: unplaced.length };
}
