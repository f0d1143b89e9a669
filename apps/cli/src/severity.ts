import type { ExhaustiveList } from './exhaustive-list.js';
import type { Finding } from './review-view.js';

/** Severity of a finding. */
export type Severity = Finding['severity'];

const severityList = ['info', 'low', 'medium', 'high', 'critical'] as const satisfies readonly Severity[];

/** Every severity, lowest first (`--fail-on` takes one). */
export const severities: ExhaustiveList<Severity, typeof severityList> = severityList;

/** Whether `value` names a severity. */
export function isSeverity(value: string): value is Severity {
  return (severities as readonly string[]).includes(value);
}

/** The findings at `threshold` or above it (critical > high > medium > low > info). */
export function findingsAtOrAbove(findings: readonly Finding[], threshold: Severity): Finding[] {
  const min = severities.indexOf(threshold);
  return findings.filter((f) => severities.indexOf(f.severity) >= min);
}
