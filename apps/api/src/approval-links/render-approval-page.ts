import { countOf } from '../pages/count-of.js';
import { escapeHtml } from '../pages/escape-html.js';
import type { CodeContext } from '../pages/read-code-context.js';
import { renderFindings } from '../pages/render-findings.js';
import { renderPage } from '../pages/render-page.js';
import { renderReviewFacts } from '../pages/render-review-facts.js';
import { renderTime } from '../pages/render-time.js';
import type { ReviewView } from '../schemas/review-schemas.js';

/** What the page shows besides the review. */
export interface ApprovalPageOptions {
  /** The link's own path: the form posts back to it. */
  action: string;
  rights: ('approve' | 'reject')[];
  expiresAt: string;
  /** Shown after a decision was recorded through this page. */
  notice?: string;
  /** Head-revision lines of the files with findings (see readCodeContext); none: no code shown. */
  code?: CodeContext;
  /** The moment deadlines are measured from ("in 23 hours"); default now. */
  now?: Date;
}

function renderDecision(review: ReviewView): string {
  const decision = review.approval?.decision;
  if (!decision) return '';
  // "approve by <name>" as the decision and the approver recorded it.
  return `<p class="notice" id="decision"><strong>Decision:</strong> ${escapeHtml(decision.decision)} by ${escapeHtml(decision.approver ?? 'unknown')}${decision.reason ? ` — “${escapeHtml(decision.reason)}”` : ''}</p>`;
}

function renderForm(review: ReviewView, options: ApprovalPageOptions, now: Date): string {
  const open = review.approval?.state === 'waiting' || review.approval?.state === 'pending';
  if (!open) {
    return `<section class="decide" aria-labelledby="decide"><h2 id="decide">Decision</h2>
<p><strong>No decision can be made here any more.</strong> The review is ${escapeHtml(review.status.replace('_', ' '))}.</p></section>`;
  }
  const buttons = options.rights
    .map((d) => `<button type="submit" name="decision" value="${d}">${d === 'approve' ? 'Approve' : 'Reject'}</button>`)
    .join('\n');
  const deadline = review.approval?.deadline;
  // The link expires with the gate; name the earlier of the two if they differ.
  const until = deadline && Date.parse(deadline) < Date.parse(options.expiresAt) ? deadline : options.expiresAt;
  return `<section class="decide" aria-labelledby="decide"><h2 id="decide">Your decision</h2>
<form method="post" action="${escapeHtml(options.action)}">
<p class="field"><label for="approver">Your name</label><input id="approver" name="approver" required maxlength="100" autocomplete="name" aria-describedby="approver-hint"><span class="hint" id="approver-hint">Recorded with the decision.</span></p>
<p class="field"><label for="reason">Reason (optional)</label><textarea id="reason" name="reason" maxlength="2000" rows="2"></textarea></p>
<div class="buttons">
${buttons}
</div>
<p class="muted">Decide by ${renderTime(until, now)}. This link works once; after that it only shows the outcome.</p>
</form></section>`;
}

/**
 * The page behind an approval link: what is to be approved (repository, commits, reviewers), the
 * findings grouped by file with their lines, and Approve / Reject while the review waits. No
 * script, one same-origin stylesheet; everything from the review is escaped (see the security
 * headers in approval-links-routes.ts).
 */
export function renderApprovalPage(review: ReviewView, options: ApprovalPageOptions): string {
  const now = options.now ?? new Date();
  const files = review.counts?.files ?? review.coverage?.files.length ?? 0;
  const findings = review.counts?.findings ?? review.findings.length + (review.findingsOmitted ?? 0);
  const body = `<h1>Approve this review of ${escapeHtml(review.repository ?? 'a repository')}?</h1>
<p class="lede">${countOf(files, 'file')} changed, ${countOf(findings, 'finding')}. Read the findings, then decide below.</p>
${options.notice ? `<p class="notice" role="status"><strong>${escapeHtml(options.notice)}</strong></p>` : ''}
${options.notice ? '' : renderDecision(review)}
${renderReviewFacts(review, now)}
${renderFindings(review, options.code ?? new Map())}
${renderForm(review, options, now)}`;
  return renderPage({
    title: `Approve review of ${review.repository ?? review.id}`,
    body,
    skipLinks: [
      ['findings', 'Skip to findings'],
      ['decide', 'Skip to the decision'],
    ],
  });
}
