import { severities, type Finding, type Severity } from './review-view.js';

/** Whether `value` names a severity. */
export function isSeverity(value: string): value is Severity {
  return (severities as readonly string[]).includes(value);
}

/** The findings at `threshold` or above it (critical > high > medium > low > info). */
export function findingsAtOrAbove(findings: readonly Finding[], threshold: Severity): Finding[] {
  const min = severities.indexOf(threshold);
  return findings.filter((f) => severities.indexOf(f.severity) >= min);
}
