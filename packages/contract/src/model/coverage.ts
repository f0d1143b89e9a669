/** How much of one changed file was reviewed, and why not all of it. */
export interface FileCoverage {
  file: string;
  status: 'full' | 'partial' | 'skipped';
  /**
   * Why a file was skipped or cut. By policy: `binary`, `deleted`, `lockfile`, `vendored`,
   * `generated`, `excluded`, `not-included`, `no-added-lines`; cuts: `too-large`, `token-budget`.
   */
  reason?: string;
  /** True when only the rules reviewed (part of) the file because the model stayed unavailable. */
  rulesOnly?: boolean;
  addedLines: number;
  reviewedLines: number;
}

/** Coverage of a whole review. */
export interface Coverage {
  filesFull: number;
  filesPartial: number;
  filesSkipped: number;
  files: FileCoverage[];
  /**
   * Reviewed added lines over the added lines of files in scope (see `coverageRatio`), 0..1. Absent
   * in reviews from before it was computed.
   */
  ratio?: number;
  /** Changed files that were never listed by the source, so not even skipped by name. */
  omittedFiles?: { count: number; reason: string };
}
