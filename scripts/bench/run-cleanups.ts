/** A step that undoes something a run started: a server to stop, a folder to remove. */
export type Cleanup = () => Promise<void> | void;

/**
 * Runs `cleanups` newest first, each even when an earlier one failed (a failure is logged, not
 * thrown), so a run that broke halfway still stops everything it started.
 */
export async function runCleanups(cleanups: Cleanup[], log: (message: string) => void): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      await cleanup();
    } catch (err) {
      log(`cleanup failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
