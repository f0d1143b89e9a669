/**
 * Why something failed, in words: the innermost cause's message. Temporal wraps a failure in the
 * layers it passed through (child workflow, activity), which say where it failed; the innermost one
 * (the activity's ApplicationFailure) says why.
 */
export function failureReason(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}
