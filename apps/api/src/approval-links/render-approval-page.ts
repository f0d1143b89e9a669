import type { ReviewView } from '../schemas/review-schemas.js';

const escapeHtml = (value: unknown): string =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** What the page shows besides the review. */
export interface ApprovalPageOptions {
  /** The link's own path: the form posts back to it. */
  action: string;
  rights: ('approve' | 'reject')[];
  expiresAt: string;
  /** Shown after a decision was recorded through this page. */
  notice?: string;
}

/**
 * The small HTML page behind an approval link: the review's summary, its findings, and Approve /
 * Reject buttons while it waits. Everything from the review is escaped; the page loads nothing
 * from anywhere (see the security headers in approval-links-routes.ts).
 */
export function renderApprovalPage(review: ReviewView, options: ApprovalPageOptions): string {
  const source = review.source as Record<string, unknown> | undefined;
  const findings = review.findings.slice(0, 20);
  const decision = review.approval?.decision;
  const open = review.approval?.state === 'waiting' || review.approval?.state === 'pending';
  const rows = findings
    .map(
      (f) =>
        `<tr><td>${escapeHtml(f.severity)}</td><td>${escapeHtml(f.file)}:${escapeHtml(f.line)}</td><td>${escapeHtml(f.rule)}</td><td>${escapeHtml(f.message)}</td></tr>`,
    )
    .join('');
  const more = (review.counts?.findings ?? findings.length) - findings.length;
  const buttons = options.rights
    .map((d) => `<button type="submit" name="decision" value="${d}">${d === 'approve' ? 'Approve' : 'Reject'}</button>`)
    .join(' ');
  const form = open
    ? `<form method="post" action="${escapeHtml(options.action)}">
<p><label>Your name <input name="approver" required maxlength="100" autocomplete="name"></label></p>
<p><label>Reason (optional) <input name="reason" maxlength="2000"></label></p>
<p>${buttons}</p>
<p class="muted">This link works once and expires ${escapeHtml(options.expiresAt)}.</p>
</form>`
    : `<p><strong>No decision can be made here any more.</strong></p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="referrer" content="no-referrer">
<title>Review ${escapeHtml(review.id)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}td{padding:.2rem .6rem;vertical-align:top}.muted{color:#666}</style>
</head><body>
<h1>Approve review?</h1>
${options.notice ? `<p role="status"><strong>${escapeHtml(options.notice)}</strong></p>` : ''}
<dl>
<dt>Review</dt><dd><code>${escapeHtml(review.id)}</code></dd>
<dt>Repository</dt><dd>${escapeHtml(review.repository ?? '')}</dd>
${source && typeof source.head === 'string' ? `<dt>Commits</dt><dd><code>${escapeHtml(source.base)}..${escapeHtml(source.head)}</code></dd>` : ''}
<dt>Status</dt><dd id="status">${escapeHtml(review.status)}</dd>
<dt>Files / findings</dt><dd>${escapeHtml(review.counts?.files ?? 0)} files, ${escapeHtml(review.counts?.findings ?? findings.length)} findings</dd>
${decision ? `<dt>Decision</dt><dd id="decision">${escapeHtml(decision.decision)} by ${escapeHtml(decision.approver ?? 'unknown')} at ${escapeHtml(decision.decidedAt)}</dd>` : ''}
</dl>
<table><thead><tr><th>Severity</th><th>Where</th><th>Rule</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table>
${more > 0 ? `<p class="muted">and ${more} more</p>` : ''}
${form}
</body></html>
`;
}
