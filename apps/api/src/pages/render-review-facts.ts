import type { ReviewView } from '../schemas/review-schemas.js';
import { escapeHtml } from './escape-html.js';
import { renderTime } from './render-time.js';

type Component = NonNullable<ReviewView['reviewer']>;

const statusLabels: Record<ReviewView['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  awaiting_approval: 'Awaiting approval',
  completed: 'Completed',
  rejected: 'Rejected',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** A status as people say it, as a badge. */
export function statusBadge(status: ReviewView['status']): string {
  return `<span class="status status-${escapeHtml(status)}">${escapeHtml(statusLabels[status] ?? status)}</span>`;
}

const commit = (sha: string): string =>
  /^[0-9a-f]{40,64}$/.test(sha)
    ? `<code title="${escapeHtml(sha)}">${escapeHtml(sha.slice(0, 10))}</code>`
    : `<code>${escapeHtml(sha)}</code>`;

const component = (c: Component): string =>
  `<strong>${escapeHtml(c.name)}</strong>${c.offline ? ' <span class="muted">(offline default, no model)</span>' : ''}`;

/** What was reviewed, by whom, and where it stands: the facts at the top of both pages. */
export function renderReviewFacts(review: ReviewView, now: Date): string {
  const source = review.source;
  const rows: [string, string][] = [['Repository', escapeHtml(review.repository ?? 'unknown')]];
  if (source?.kind === 'git') {
    rows.push(['Commits', `${commit(source.base)} → ${commit(source.head)}`]);
  } else if (source?.kind === 'github') {
    rows.push(['Pull request', `#${escapeHtml(source.pullNumber)} at ${commit(source.headSha)}`]);
  }
  const reviewers = review.reviewers?.length ? review.reviewers : review.reviewer ? [review.reviewer] : [];
  if (reviewers.length > 0) rows.push(['Reviewed by', reviewers.map(component).join(' and ')]);
  if (review.embedder) rows.push(['Embeddings', component(review.embedder)]);
  rows.push(['Status', statusBadge(review.status)]);
  rows.push(['Started', renderTime(review.createdAt, now)]);
  if (review.closedAt) rows.push(['Ended', renderTime(review.closedAt, now)]);
  rows.push(['Review id', `<code class="id">${escapeHtml(review.id)}</code>`]);
  return `<dl class="facts">${rows.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
}
