import type { Coverage, FileCoverage } from './coverage.js';

/**
 * Reasons that take a file out of scope on purpose: the review was never meant to read it. Cuts
 * (`too-large`, `token-budget`) are not among them, so they lower the ratio a request can demand.
 */
export const outOfScopeReasons: readonly string[] = [
  'binary',
  'deleted',
  'lockfile',
  'vendored',
  'generated',
  'excluded',
  'not-included',
  'no-added-lines',
];

const inScope = (file: FileCoverage) => !(file.status === 'skipped' && outOfScopeReasons.includes(file.reason ?? ''));

/** Reviewed added lines over added lines of in-scope files; 1 when no file is in scope (nothing was left out). */
export function coverageRatio(coverage: Coverage): number {
  let added = 0;
  let reviewed = 0;
  for (const file of coverage.files.filter(inScope)) {
    added += file.addedLines;
    reviewed += Math.min(file.reviewedLines, file.addedLines);
  }
  return added === 0 ? 1 : reviewed / added;
}

/** Coverage with its counts and ratio recomputed from `files`. */
export function withCoverageTotals(files: FileCoverage[]): Coverage {
  const count = (status: FileCoverage['status']) => files.filter((f) => f.status === status).length;
  const coverage: Coverage = {
    filesFull: count('full'),
    filesPartial: count('partial'),
    filesSkipped: count('skipped'),
    files,
  };
  return { ...coverage, ratio: coverageRatio(coverage) };
}

/**
 * The coverage after some planned chunks were not reviewed (`reason`, e.g. `token-budget`): their
 * added lines leave the reviewed count, and their files become partial, or skipped when nothing of
 * them was reviewed. Pure and deterministic, so the workflow can call it.
 */
export function withChunksUnreviewed(
  coverage: Coverage,
  chunks: readonly { file: string; addedLines: number }[],
  reason: string,
): Coverage {
  const lost = new Map<string, number>();
  for (const chunk of chunks) lost.set(chunk.file, (lost.get(chunk.file) ?? 0) + chunk.addedLines);
  const files = coverage.files.map((file): FileCoverage => {
    const minus = lost.get(file.file);
    if (minus === undefined) return file;
    const reviewedLines = Math.max(0, file.reviewedLines - minus);
    return { ...file, status: reviewedLines === 0 ? 'skipped' : 'partial', reason, reviewedLines };
  });
  return withCoverageTotals(files);
}
