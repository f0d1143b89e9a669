/** How much of one changed file was reviewed, and why not all of it. */
export interface FileCoverage {
  file: string;
  status: 'full' | 'partial' | 'skipped';
  /** Why a file was skipped or cut, e.g. `binary`, `deleted`, `lockfile`, `too-large`. */
  reason?: string;
  addedLines: number;
  reviewedLines: number;
}

/** Coverage of a whole review. */
export interface Coverage {
  filesFull: number;
  filesPartial: number;
  filesSkipped: number;
  files: FileCoverage[];
  /** Changed files that were never listed by the source, so not even skipped by name. */
  omittedFiles?: { count: number; reason: string };
}
