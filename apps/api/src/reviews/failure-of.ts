import { ApplicationFailure } from '@temporalio/client';

/**
 * Why a review failed, from the error its workflow result rejected with: the innermost application
 * failure (an activity's typed failure such as `GitUnknownRevision`) or else the outermost message.
 */
export function failureOf(err: unknown): { type: string; message: string } {
  let innermost: ApplicationFailure | undefined;
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof ApplicationFailure) innermost = e;
  }
  if (innermost) return { type: innermost.type ?? 'ApplicationFailure', message: innermost.message };
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return {
    type: cause instanceof Error ? cause.name : 'Unknown',
    message: cause instanceof Error ? cause.message : String(cause),
  };
}
