import type { ReviewView } from '../schemas/review-schemas.js';
import { countOf } from './count-of.js';
import { escapeHtml } from './escape-html.js';

const statusLabels = { full: 'Reviewed', partial: 'Partly reviewed', skipped: 'Skipped' } as const;

/**
 * What the review covered: the reviewed share of the added lines, and per file whether it was
 * reviewed in full, in part or skipped, and why (generated, vendored, over the token budget...).
 */
export function renderCoverage(review: ReviewView): string {
  const coverage = review.coverage;
  const heading = '<h2 id="coverage">Coverage</h2>';
  if (!coverage) {
    return `<section aria-labelledby="coverage">${heading}<p class="empty">Coverage is known once the review has looked at every chunk.</p></section>`;
  }
  const ratio =
    coverage.ratio === undefined ? '' : `${Math.round(coverage.ratio * 1000) / 10}% of the added lines reviewed: `;
  const parts = [
    `${countOf(coverage.filesFull, 'file')} in full`,
    `${coverage.filesPartial} in part`,
    `${coverage.filesSkipped} skipped`,
  ].join(', ');
  const omitted = coverage.omittedFiles
    ? `<p class="warning">${countOf(coverage.omittedFiles.count, 'changed file')} not listed by the source: ${escapeHtml(coverage.omittedFiles.reason)}</p>`
    : '';
  const rows = coverage.files
    .map(
      (f) =>
        `<tr><td><code>${escapeHtml(f.file)}</code></td><td>${statusLabels[f.status] ?? escapeHtml(f.status)}</td><td>${f.reviewedLines} of ${f.addedLines}</td><td>${[f.reason, f.rulesOnly ? 'rules only: the model was unavailable' : undefined].filter(Boolean).map(escapeHtml).join('; ') || '—'}</td></tr>`,
    )
    .join('\n');
  const ai = review.ai;
  const budget = ai?.budgetExhausted
    ? `<p class="warning">The token budget ran out: ${countOf(ai.chunksSkippedForBudget, 'chunk')} left to the rules.</p>`
    : '';
  const table = coverage.files.length
    ? `<div class="table-wrap"><table><caption>Changed files</caption>
<thead><tr><th scope="col">File</th><th scope="col">Review</th><th scope="col">Added lines reviewed</th><th scope="col">Why</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`
    : '<p class="empty">The change has no files.</p>';
  return `<section aria-labelledby="coverage">${heading}
<p>${escapeHtml(ratio)}${escapeHtml(parts)}.</p>
${omitted}${budget}${table}
</section>`;
}
