/** A review that cannot reach the minimum coverage its request demanded; permanent, never retried. */
export class CoverageBelowMinimumError extends Error {
  constructor(
    readonly ratio: number,
    readonly minimum: number,
    why: string,
  ) {
    super(
      `coverage ${(ratio * 100).toFixed(1)}% is below the required ${(minimum * 100).toFixed(1)}% (${why}); see coverage.files for what was skipped or cut and why`,
    );
    this.name = 'CoverageBelowMinimumError';
  }
}
