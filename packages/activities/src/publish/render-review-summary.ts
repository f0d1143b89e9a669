import { severities, type ReviewReport } from '@reviewflow/contract';

/**
 * A short Markdown summary of a review for humans: outcome, findings by severity, the top findings,
 * coverage and which reviewer produced them (so an offline-default review says so).
 */
export function renderReviewSummary(report: ReviewReport, maxListed = 20): string {
  const total = report.findings.length + report.findingsOmitted;
  const bySeverity = [...severities]
    .reverse()
    .map((s) => [s, report.findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  const lines = [
    `## reviewflow: ${report.outcome === 'completed' ? 'review completed' : 'review rejected'}`,
    '',
    `${total} finding${total === 1 ? '' : 's'}${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''} in ${report.counts.files} file${report.counts.files === 1 ? '' : 's'}.`,
  ];
  if (report.findings.length > 0) {
    lines.push('');
    for (const f of report.findings.slice(0, maxListed)) {
      lines.push(`- **${f.severity}** \`${f.file}:${f.line}\` ${f.message} (${f.rule})`);
    }
    const rest = total - Math.min(report.findings.length, maxListed);
    if (rest > 0) lines.push(`- … and ${rest} more`);
  }
  const { filesFull, filesPartial, filesSkipped } = report.coverage;
  lines.push('', `Coverage: ${filesFull} full, ${filesPartial} partial, ${filesSkipped} skipped.`);
  for (const f of report.coverage.files.filter((c) => c.status !== 'full')) {
    lines.push(`- \`${f.file}\`: ${f.status}${f.reason ? ` (${f.reason})` : ''}`);
  }
  if (report.approval) {
    const who = report.approval.approver ? ` by ${report.approval.approver}` : '';
    lines.push(
      '',
      `Approval: ${report.approval.decision}${who}${report.approval.reason ? ` — ${report.approval.reason}` : ''}.`,
    );
  }
  lines.push('', `Reviewer: ${report.reviewer.description}.`);
  return `${lines.join('\n')}\n`;
}
