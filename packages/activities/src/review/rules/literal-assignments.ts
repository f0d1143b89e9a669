import type { SourceLanguage } from '../source-language.js';

/** Files where `name: value` / `NAME=value` is an assignment even without quotes. */
const bareValueLanguages: ReadonlySet<SourceLanguage | undefined> = new Set<SourceLanguage>([
  'yaml',
  'env',
  'ini',
  'shell',
]);

// `name = `, `name: `, `name := `, `name => `, `"name": `, `name: str = ` (a type annotation before `=`).
// `==` is a comparison, not an assignment, so it never matches.
const assignmentPattern =
  /(?<![\w$.-])["']?([A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*)*)["']?(?:\s*:\s*[A-Za-z_][\w.]*(?:<[^<>=]*>|\[[^\]=]*\])?\??(?=\s*=(?!=)))?\s*(?::=|=>|=(?!=)|:(?!:))\s*/g;

/** A name and the literal assigned to it, as written (quotes and literal prefix removed). */
export interface LiteralAssignment {
  name: string;
  value: string;
}

// A credential is short; capping the scan keeps a long generated line linear instead of quadratic.
const maxValueLength = 512;

function closingQuote(text: string, from: number, quote: string): number {
  const end = Math.min(text.length, from + maxValueLength + 1);
  for (let i = from; i < end; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === quote) return i;
  }
  return -1;
}

// Python's r/b/u prefixes still make a literal; an f-string is computed and never matches.
const literalPrefix = /[rRbBuU]{1,2}(?=["'])/y;
const bareValue = new RegExp(`[^\\s'"\`#;,]{1,${maxValueLength + 1}}`, 'y');

function readValue(text: string, at: number, allowBare: boolean): string | undefined {
  literalPrefix.lastIndex = at;
  const start = at + (literalPrefix.exec(text)?.[0].length ?? 0);
  const quote = text[start];
  if (quote === '"' || quote === "'" || quote === '`') {
    const close = closingQuote(text, start + 1, quote);
    return close === -1 ? undefined : text.slice(start + 1, close);
  }
  if (!allowBare) return undefined;
  bareValue.lastIndex = at;
  const value = bareValue.exec(text)?.[0];
  return value === undefined || value.length > maxValueLength ? undefined : value;
}

/**
 * Every `name <op> literal` on the line: `=`, `:`, `:=` and `=>` assignments of a quoted literal, and
 * of a bare value in the languages that write values unquoted. The secret rules judge credentials
 * by these names and values.
 */
export function literalAssignments(line: string, language: SourceLanguage | undefined): LiteralAssignment[] {
  const found: LiteralAssignment[] = [];
  const allowBare = bareValueLanguages.has(language);
  for (const match of line.matchAll(assignmentPattern)) {
    const name = match[1];
    if (name === undefined) continue;
    const value = readValue(line, match.index + match[0].length, allowBare);
    if (value !== undefined) found.push({ name, value });
  }
  return found;
}
