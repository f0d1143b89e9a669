import type { Chunk, Finding } from '@reviewflow/contract';
import { flooredSeverity } from './floored-severity.js';
import type { ModelFinding } from './review-findings-schema.js';

/**
 * Keeps findings on added lines of the chunk's file, sorted and one per (line, category); counts the
 * rest. Small models miscount lines, so a finding that quotes its code is anchored on the added line
 * holding that code (the one nearest the stated line when several do), falling back to the line number.
 */
export function placeFindings(chunk: Chunk, found: ModelFinding[]): { findings: Finding[]; outsideDiff: number } {
  const added = new Map<number, string>();
  for (const hunk of chunk.hunks) {
    for (const line of hunk.lines)
      if (line.kind === 'add' && line.newLine !== undefined) added.set(line.newLine, line.text);
  }
  const kept = new Map<string, Finding>();
  let outsideDiff = 0;
  for (const f of found) {
    // Models sometimes prefix `./` or `b/` (from diff notation); anything else is another file.
    const file = f.file.replace(/^(?:\.\/|b\/)/, '');
    const line = file === chunk.file ? anchorLine(added, f) : undefined;
    if (line === undefined) {
      outsideDiff++;
      continue;
    }
    const rule = `llm/${f.category}`;
    const key = `${line}\u0000${rule}`;
    if (kept.has(key)) continue;
    kept.set(key, {
      file: chunk.file,
      line,
      rule,
      severity: flooredSeverity(f.category, f.message, f.severity),
      message: f.message,
      ...(f.suggestion === null ? {} : { suggestion: f.suggestion }),
    });
  }
  const findings = [...kept.values()].sort(
    (a, b) => a.line - b.line || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
  return { findings, outsideDiff };
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

function anchorLine(added: ReadonlyMap<number, string>, f: ModelFinding): number | undefined {
  const quote = squash(f.quote.replace(/^[+]\s*\d*\s*\|\s?/, ''));
  // A quote of a few characters ("=", "id") would match anywhere: only distinctive ones anchor.
  if (quote.length >= 8) {
    let best: number | undefined;
    for (const [line, text] of added) {
      if (!squash(text).includes(quote)) continue;
      if (best === undefined || Math.abs(line - f.line) < Math.abs(best - f.line)) best = line;
    }
    if (best !== undefined) return best;
  }
  return added.has(f.line) ? f.line : undefined;
}
