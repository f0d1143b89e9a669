import type { DiffHunk } from '@reviewflow/contract';
import { parseUnifiedDiff } from '../git/parse-unified-diff.js';

/**
 * Parses the `patch` GitHub gives for one file of a pull request: the hunks of a unified diff
 * without the file headers. A fixed placeholder header is put in front so the one diff parser
 * (hunk bounds by line counts, "\ No newline" handling) reads it; the real paths come from GitHub.
 */
export function parsePatchHunks(patch: string): DiffHunk[] {
  const parsed = parseUnifiedDiff(`diff --git a/f b/f\n--- a/f\n+++ b/f\n${patch}\n`);
  return parsed[0]?.hunks ?? [];
}
