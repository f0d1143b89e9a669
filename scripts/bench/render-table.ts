import type { Figure } from './bench-report.js';

/** The figures as a plain-text table: group, figure, value, target, and ok / MISS / blank (no target). */
export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.group,
    f.name,
    `${formatValue(f.value)}${f.unit ? ` ${f.unit}` : ''}`,
    f.target,
    f.met === undefined ? '' : f.met ? 'ok' : 'MISS',
  ]);
  const header = ['group', 'figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}
