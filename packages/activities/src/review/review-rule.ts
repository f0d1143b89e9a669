import type { Severity } from '@reviewflow/contract';
import type { LineParts } from './line-parts.js';
import type { SourceLanguage } from './source-language.js';

/**
 * What a rule knows about the line it checks. The line is split once by the caller so every rule
 * reads comments and strings the same way.
 */
export interface RuleContext extends LineParts {
  /** Path of the file in the head revision. */
  file: string;
  /** 1-based line number in the head revision. */
  lineNumber: number;
  /** Language picked from the file name; `undefined` when unknown. */
  language: SourceLanguage | undefined;
}

/**
 * One offline review rule: a single, line-local check with a stable id. Rules see one added line at
 * a time, which keeps them predictable and cheap, at the price of missing what spans lines.
 */
export interface ReviewRule {
  /** Stable id stored with every finding, `group/name`; renaming one breaks comparisons across reviews. */
  readonly id: string;
  readonly severity: Severity;
  /** One sentence on what the rule catches, for listings and docs. */
  readonly description: string;
  /**
   * Languages the rule runs on; absent means every file. A list rather than a predicate so the
   * caller can pick rules without running them and a listing can show where each rule applies.
   */
  readonly languages?: readonly SourceLanguage[];
  /**
   * Returns the finding message when the line matches, else `undefined`. Messages are stored and
   * logged, so they must never quote the matched text when that text may be a secret.
   */
  check(line: string, context: RuleContext): string | undefined;
}
