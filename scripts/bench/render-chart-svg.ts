import type { Figure } from './bench-report.js';

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A horizontal bar chart of every ratio figure (gateway throughput ratios, fan-out efficiency,
 * metrics on/off), each bar with a tick at its target: green when it meets it, orange when not.
 * Hand-written SVG, so no chart library is needed to read a run.
 */
export function renderChartSvg(figures: readonly Figure[], title: string): string {
  const bars = figures.filter((f) => f.ratio !== undefined && Number.isFinite(f.ratio.value));
  const labelWidth = 520;
  const plotWidth = 360;
  const rowHeight = 22;
  const top = 48;
  const max = Math.max(1.2, ...bars.map((b) => b.ratio!.value));
  const x = (v: number): number => labelWidth + (Math.max(0, v) / max) * plotWidth;
  const height = top + bars.length * rowHeight + 40;
  const width = labelWidth + plotWidth + 60;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${escape(title)}</text>`,
    `<text x="10" y="36" fill="#555">ratio (1 = as fast as the reference); tick = target</text>`,
  ];
  for (const v of [0, 0.5, 1]) {
    parts.push(
      `<line x1="${x(v)}" y1="${top - 6}" x2="${x(v)}" y2="${top + bars.length * rowHeight}" stroke="#ddd"/>`,
      `<text x="${x(v)}" y="${top + bars.length * rowHeight + 14}" text-anchor="middle" fill="#555">${v}</text>`,
    );
  }
  bars.forEach((b, i) => {
    const y = top + i * rowHeight;
    const { value, target } = b.ratio!;
    const color = b.met ? '#2e7d32' : '#ef6c00';
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escape(`${b.group}: ${b.name}`.slice(0, 85))}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${x(value) - labelWidth}" height="${rowHeight - 8}" fill="${color}"/>`,
      `<line x1="${x(target)}" y1="${y}" x2="${x(target)}" y2="${y + rowHeight - 2}" stroke="black" stroke-width="2"/>`,
      `<text x="${x(value) + 4}" y="${y + 14}">${value.toFixed(2)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
