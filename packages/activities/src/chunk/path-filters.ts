import { minimatch } from 'minimatch';

/** Include and exclude globs over repository paths (`src/**`, `*.test.ts`, `!` not supported). */
export interface PathFilters {
  /** When non-empty, only matching files are reviewed. */
  include?: string[];
  /** Matching files are never reviewed, whatever `include` says. */
  exclude?: string[];
}

// `matchBase`: a pattern without a slash matches the file name anywhere, as in .gitignore
// (`*.snap` skips every snapshot); `dot`: dotfiles are files like any other to a review.
const globOptions = { dot: true, matchBase: true, nocomment: true, nonegate: true } as const;

/** Why `path` is filtered out (`excluded`, `not-included`), or `undefined` when it is reviewed. */
export function filteredOutReason(path: string, filters: PathFilters): 'excluded' | 'not-included' | undefined {
  if (filters.exclude?.some((glob) => minimatch(path, glob, globOptions))) return 'excluded';
  if (
    filters.include &&
    filters.include.length > 0 &&
    !filters.include.some((glob) => minimatch(path, glob, globOptions))
  ) {
    return 'not-included';
  }
  return undefined;
}
