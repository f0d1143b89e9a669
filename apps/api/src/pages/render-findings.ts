import { severities } from '@reviewflow/contract';
import type { ReviewView } from '../schemas/review-schemas.js';
import { countOf } from './count-of.js';
import { escapeHtml } from './escape-html.js';
import type { CodeContext } from './read-code-context.js';

type Finding = ReviewView['findings'][number];

// Lines shown around a finding's own: enough to recognise the code, few enough to scan a page.
const contextLines = 2;
// A minified line would push the page sideways for screens; the rest of it is in the repository.
const maxLineLength = 240;
const mostSevereFirst = [...severities].reverse();

const severityLabel = (severity: string): string => severity.charAt(0).toUpperCase() + severity.slice(1);

/** A severity as a badge: its word is the text (colour only repeats it, for those who see colour). */
export function severityBadge(severity: string): string {
  return `<span class="badge sev-${escapeHtml(severity)}">${escapeHtml(severityLabel(severity))}</span>`;
}

// A page travels further than the repository (a link pasted into chat): the lines of a secret, and
// those around it (a key's other half, a private key's body), are never shown.
const isSecret = (finding: Finding): boolean => finding.rule.startsWith('secret/');

function renderCode(finding: Finding, lines: readonly string[] | undefined, hidden: ReadonlySet<number>): string {
  if (!lines || isSecret(finding) || finding.line < 1 || finding.line > lines.length) return '';
  const first = Math.max(1, finding.line - contextLines);
  const last = Math.min(lines.length, finding.line + contextLines);
  const rows: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = hidden.has(n) ? '(hidden: near a secret)' : (lines[n - 1] ?? '');
    const text = raw.length > maxLineLength ? `${raw.slice(0, maxLineLength)}…` : raw;
    const row = `<span class="ln" aria-hidden="true">${n}</span>${escapeHtml(text)}`;
    rows.push(n === finding.line ? `<mark class="hit">${row}</mark>` : `<span class="ctx">${row}</span>`);
  }
  // Each row is a block of its own: a newline between them would show as an empty line.
  return `<figure class="code"><figcaption>Lines ${first}–${last}, line ${finding.line} highlighted</figcaption><pre><code>${rows.join('')}</code></pre></figure>`;
}

function renderFinding(
  finding: Finding,
  defaultReviewer: string | undefined,
  lines: readonly string[] | undefined,
  hidden: ReadonlySet<number>,
): string {
  const reviewer = finding.reviewer ?? defaultReviewer;
  return `<li class="finding">
<p class="finding-head">${severityBadge(finding.severity)} <span class="where">Line ${escapeHtml(finding.line)}</span> <span class="rule">Rule <code>${escapeHtml(finding.rule)}</code></span>${reviewer ? ` <span class="by">found by ${escapeHtml(reviewer)}</span>` : ''}</p>
<p class="message">${escapeHtml(finding.message)}</p>
${finding.suggestion ? `<p class="suggestion"><strong>Suggested fix:</strong> ${escapeHtml(finding.suggestion)}</p>\n` : ''}${renderCode(finding, lines, hidden)}
</li>`;
}

/**
 * The findings of a review as people read them: totals by severity, then one section per file
 * (most severe file first) with each finding's severity, line, rule, reviewer, message and its
 * lines in context. No findings: one sentence, never an empty table.
 */
export function renderFindings(review: ReviewView, context: CodeContext, headingId = 'findings'): string {
  const findings = review.findings;
  const omitted = review.findingsOmitted ?? 0;
  const total = findings.length + omitted;
  const files = review.counts?.files ?? review.coverage?.files.length;
  const heading = `<h2 id="${headingId}">Findings</h2>`;
  if (total === 0) {
    const scope = files === undefined ? '' : ` in ${countOf(files, 'file')}`;
    const done = ['completed', 'awaiting_approval', 'rejected'].includes(review.status);
    return `<section class="findings" aria-labelledby="${headingId}">${heading}
<p class="empty">${done ? `No findings: the reviewers flagged nothing${scope}.` : `No findings so far${scope}.`}</p>
</section>`;
  }
  const bySeverity = new Map<string, number>();
  for (const f of findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);
  const totals = mostSevereFirst
    .filter((s) => bySeverity.has(s))
    .map((s) => `<li>${severityBadge(s)} <span class="n">${bySeverity.get(s)}</span></li>`)
    .join('');
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const rank = (list: Finding[]): number => Math.max(...list.map((f) => severities.indexOf(f.severity)));
  const groups = [...byFile.entries()].sort((a, b) => rank(b[1]) - rank(a[1]) || a[0].localeCompare(b[0]));
  const defaultReviewer = review.reviewer?.name;
  const sections = groups
    .map(([file, list], i) => {
      const hidden = new Set(
        list
          .filter(isSecret)
          .flatMap((f) => Array.from({ length: 2 * contextLines + 1 }, (_, k) => f.line - contextLines + k)),
      );
      const sorted = [...list].sort(
        (a, b) => a.line - b.line || severities.indexOf(b.severity) - severities.indexOf(a.severity),
      );
      return `<section class="file" aria-labelledby="${headingId}-file-${i}">
<h3 id="${headingId}-file-${i}"><code>${escapeHtml(file)}</code> <span class="count">${countOf(list.length, 'finding')}</span></h3>
<ol class="finding-list">
${sorted.map((f) => renderFinding(f, defaultReviewer, context.get(file), hidden)).join('\n')}
</ol>
</section>`;
    })
    .join('\n');
  const summary = `${countOf(total, 'finding')} in ${countOf(byFile.size, 'file')}${omitted > 0 ? ` (${countOf(omitted, 'more finding')} not listed)` : ''}`;
  return `<section class="findings" aria-labelledby="${headingId}">${heading}
<p class="summary">${escapeHtml(summary)}</p>
<ul class="totals" aria-label="Findings by severity">${totals}</ul>
${sections}
</section>`;
}
