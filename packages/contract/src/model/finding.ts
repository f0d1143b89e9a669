/** Severity of a finding, lowest first. */
export const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

/** One problem a reviewer found on one added line of the new version of a file. */
export interface Finding {
  /** Path of the file in the head revision, relative to the repository root. */
  file: string;
  /** 1-based line number in the head revision. */
  line: number;
  /** Stable rule id, e.g. `secret/aws-access-key`. */
  rule: string;
  severity: Severity;
  message: string;
  /** A concrete fix, when the reviewer proposed one (model reviewers). */
  suggestion?: string;
  /** The reviewer that found it (its component name), when rules and a model reviewed together. */
  reviewer?: string;
}
