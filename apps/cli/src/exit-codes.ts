/** Exit codes of `reviewflow`, stable for CI scripts. */
export const ExitCode = {
  ok: 0,
  /** Findings at or above `--fail-on` exist. */
  findings: 1,
  /** Wrong command line. */
  usage: 2,
  /** The API refused the request (a problem response) or could not be reached. */
  apiError: 3,
  /** The review ended without a result: failed, cancelled, or rejected at its approval gate. */
  reviewNotCompleted: 4,
} as const;
