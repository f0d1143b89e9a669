import type { Finding } from '@reviewflow/contract';
import { lineParts } from './line-parts.js';
import { offlineRules } from './offline-rules.js';
import type { ReviewRule } from './review-rule.js';
import { sourceLanguageOf } from './source-language.js';

/** One added line of a file: its 1-based number in the head revision and its text. */
export interface AddedLine {
  line: number;
  text: string;
}

/**
 * Runs line rules over the added lines of one file. Findings are sorted by line, then rule id, with
 * at most one per (line, rule), so the same input always gives the same, comparable output.
 */
export function reviewAddedLines(
  file: string,
  lines: readonly AddedLine[],
  rules: readonly ReviewRule[] = offlineRules,
): Finding[] {
  const language = sourceLanguageOf(file);
  const applicable = rules.filter(
    (rule) => rule.languages === undefined || (language !== undefined && rule.languages.includes(language)),
  );
  if (applicable.length === 0) return [];

  const findings = new Map<string, Finding>();
  for (const { line, text } of lines) {
    const context = { file, lineNumber: line, language, ...lineParts(text, language) };
    for (const rule of applicable) {
      const key = `${line}\u0000${rule.id}`;
      if (findings.has(key)) continue;
      const message = rule.check(text, context);
      if (message !== undefined) findings.set(key, { file, line, rule: rule.id, severity: rule.severity, message });
    }
  }

  // Plain code-unit comparison rather than localeCompare: the order must not depend on the locale.
  return [...findings.values()].sort((a, b) =>
    a.line !== b.line ? a.line - b.line : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0,
  );
}
