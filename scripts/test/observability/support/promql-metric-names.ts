// Words of PromQL that look like identifiers but are not metric names.
const keywords = new Set([
  'and',
  'or',
  'unless',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
  'atan2',
]);

/**
 * The metric names a PromQL expression selects, e.g. `rate(x_total{a="b"}[5m]) / y` -> `x_total`,
 * `y`. A small lexer rather than a parser: it drops strings, label matchers, ranges and grouping
 * clauses, then keeps the identifiers that are not function calls or keywords. Enough for the
 * dashboard and the alert rules, so that a panel referring to a metric nobody exports fails a test.
 */
export function promqlMetricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ');
  const names = new Set<string>();
  // Whole identifiers only (no digit, dot or `$` before, no identifier character after), and not
  // followed by `(`, which makes them a function.
  for (const match of stripped.matchAll(/(?<![\w:.$])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)) {
    const name = match[1]!;
    if (!keywords.has(name.toLowerCase())) names.add(name);
  }
  return [...names].sort();
}
