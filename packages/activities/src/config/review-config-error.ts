/** A `.reviewflow.yml` that cannot be used; permanent, so the review fails at once with its reason. */
export class ReviewConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReviewConfigError';
  }
}
