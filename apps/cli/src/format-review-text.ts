import type { Finding, ReviewSummary, ReviewView } from './review-view.js';
import type { Severity } from './severity.js';
import type { TerminalStyle } from './terminal-style.js';

const severityOrder: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

function paintSeverity(severity: Severity, style: TerminalStyle): string {
  const label = severity.padEnd(8);
  if (severity === 'critical' || severity === 'high') return style.red(style.bold(label));
  if (severity === 'medium') return style.yellow(label);
  return style.dim(label);
}

function paintStatus(status: ReviewView['status'], style: TerminalStyle): string {
  if (status === 'completed') return style.green(status);
  if (status === 'failed' || status === 'rejected' || status === 'cancelled') return style.red(status);
  return style.yellow(status);
}

/** Findings grouped by file (files in order, lines ascending within each), one line per finding. */
export function formatFindingsByFile(findings: readonly Finding[], style: TerminalStyle): string[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  const lines: string[] = [];
  for (const file of [...byFile.keys()].sort()) {
    lines.push(style.bold(file));
    const sorted = byFile
      .get(file)!
      .sort((a, b) => a.line - b.line || severityOrder[a.severity] - severityOrder[b.severity]);
    const lineWidth = Math.max(...sorted.map((f) => String(f.line).length));
    for (const f of sorted) {
      lines.push(
        `  ${String(f.line).padStart(lineWidth)}  ${paintSeverity(f.severity, style)} ${style.dim(f.rule)}  ${f.message}`,
      );
    }
  }
  return lines;
}

/** A review for a human: status, what was reviewed, by what, and the findings by file. */
export function formatReviewText(view: ReviewView, style: TerminalStyle): string {
  const lines = [
    `${style.bold('Review')} ${view.id}  ${paintStatus(view.status, style)}${view.stage && view.stage !== view.status ? ` (${view.stage})` : ''}`,
  ];
  if (view.repository) lines.push(`  repository  ${view.repository}`);
  const c = view.counts;
  if (c) {
    lines.push(
      `  changes     ${c.files} files, +${c.additions} -${c.deletions}, ${c.chunksReviewed}/${c.chunks} chunks reviewed`,
    );
  }
  if (view.reviewer) {
    lines.push(`  reviewer    ${view.reviewer.name}${view.reviewer.offline ? ' (offline, rule-based)' : ''}`);
  }
  if (view.approval?.required) {
    const d = view.approval.decision;
    lines.push(
      `  approval    ${view.approval.state}${d ? ` by ${d.approver ?? 'unknown'}${d.reason ? `: ${d.reason}` : ''}` : ''}`,
    );
  }
  if (view.failure) lines.push(`  failure     ${style.red(view.failure.type)}: ${view.failure.message}`);
  const total = c?.findings ?? view.findings.length;
  lines.push(`  findings    ${total}${view.findingsOmitted ? ` (${view.findingsOmitted} not listed)` : ''}`);
  if (view.findings.length > 0) lines.push('', ...formatFindingsByFile(view.findings, style));
  return `${lines.join('\n')}\n`;
}

/** `reviewflow list`: one review per line. */
export function formatReviewList(reviews: readonly ReviewSummary[], style: TerminalStyle): string {
  if (reviews.length === 0) return 'no reviews\n';
  return `${reviews
    .map(
      (r) =>
        `${paintStatus(r.status, style).padEnd(style.enabled ? 27 : 17)} ${r.createdAt}  ${r.id}${r.repository ? style.dim(`  ${r.repository}`) : ''}`,
    )
    .join('\n')}\n`;
}
