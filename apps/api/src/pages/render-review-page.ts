import type { ReviewView } from '../schemas/review-schemas.js';
import { countOf } from './count-of.js';
import { escapeHtml } from './escape-html.js';
import type { CodeContext } from './read-code-context.js';
import { renderCoverage } from './render-coverage.js';
import { renderFindings } from './render-findings.js';
import { renderPage } from './render-page.js';
import { renderReviewFacts } from './render-review-facts.js';
import { reviewPageScriptPath } from './review-page-script.js';

/** Where the review page links to, and what it is rendered against. */
export interface ReviewPageOptions {
  /** The JSON of the review (`GET /reviews/:id`). */
  jsonPath: string;
  /** Its server-sent events (`GET /reviews/:id/events`), which the page's script follows. */
  eventsPath: string;
  /** The page itself, for the reload link of a running review. */
  pagePath: string;
  /** The Temporal Web UI's base URL; none: no link. */
  temporalUiUrl?: string;
  namespace: string;
  code?: CodeContext;
  now?: Date;
}

const activeStatuses = new Set(['queued', 'running', 'awaiting_approval']);

function renderProgress(review: ReviewView, options: ReviewPageOptions): string {
  if (!activeStatuses.has(review.status)) return '';
  const c = review.counts;
  const max = c && c.chunks > 0 ? c.chunks : undefined;
  const text = !review.progressAvailable
    ? 'No worker answered for its progress just now.'
    : max !== undefined && c
      ? `${c.chunksReviewed} of ${countOf(max, 'chunk')} reviewed, ${countOf(c.findings, 'finding')} so far`
      : 'Waiting for the first progress';
  const waiting =
    review.status === 'awaiting_approval'
      ? '<p>The review waits for a decision (an approval link, or <code>POST /reviews/:id/approval</code>).</p>'
      : '';
  return `<section aria-labelledby="progress-h" data-events="${escapeHtml(options.eventsPath)}" data-status="${escapeHtml(review.status)}">
<h2 id="progress-h">Progress</h2>
<p>Stage: <strong id="stage">${escapeHtml(review.stage ?? review.status)}</strong></p>
<p><label for="progress">Chunks reviewed</label><br><progress id="progress"${max === undefined ? '' : ` max="${max}" value="${c?.chunksReviewed ?? 0}"`}></progress></p>
<p id="live" role="status">${escapeHtml(text)}</p>
${waiting}<p class="muted">This page follows the review live and reloads when it moves on. Without scripts: <a href="${escapeHtml(options.pagePath)}">reload for the latest progress</a>.</p>
</section>`;
}

function renderLinks(review: ReviewView, options: ReviewPageOptions): string {
  const ui = options.temporalUiUrl
    ? `<li><a href="${escapeHtml(`${options.temporalUiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(options.namespace)}/workflows/${encodeURIComponent(review.id)}`)}">The workflow in the Temporal Web UI</a></li>`
    : '<li class="muted">Temporal Web UI: not linked (set <code>TEMPORAL_UI_URL</code>)</li>';
  return `<section aria-labelledby="links"><h2 id="links">Elsewhere</h2>
<ul class="links">
<li><a href="${escapeHtml(options.jsonPath)}">This review as JSON</a> (<code>GET /reviews/:id</code>, the same API key)</li>
<li><a href="${escapeHtml(options.eventsPath)}">Its progress as server-sent events</a></li>
<li>SARIF 2.1.0: the API serves none; the CLI writes it: <code>npx reviewflow status ${escapeHtml(review.id)} --format sarif -o review.sarif</code></li>
${ui}
</ul></section>`;
}

/**
 * The read-only page of one review: where it stands (live while it runs, through the same-origin
 * script), what was reviewed and what was skipped and why, the findings by file with their lines,
 * and links to the JSON, the event stream and the Temporal Web UI. It decides nothing.
 */
export function renderReviewPage(review: ReviewView, options: ReviewPageOptions): string {
  const now = options.now ?? new Date();
  const active = activeStatuses.has(review.status);
  const failure = review.failure
    ? `<p class="warning" role="alert"><strong>Failed (${escapeHtml(review.failure.type)}):</strong> ${escapeHtml(review.failure.message)}</p>`
    : '';
  const body = `<h1>Review of ${escapeHtml(review.repository ?? review.id)}</h1>
<p class="lede">${countOf(review.counts?.files ?? review.coverage?.files.length ?? 0, 'file')} changed, ${countOf(review.counts?.findings ?? review.findings.length, 'finding')}.</p>
${failure}
${renderReviewFacts(review, now)}
${renderProgress(review, options)}
${renderFindings(review, options.code ?? new Map())}
${renderCoverage(review)}
${renderLinks(review, options)}`;
  return renderPage({
    title: `Review of ${review.repository ?? review.id}`,
    body,
    ...(active ? { scripts: [reviewPageScriptPath] } : {}),
    skipLinks: [
      ['findings', 'Skip to findings'],
      ['coverage', 'Skip to coverage'],
    ],
  });
}
