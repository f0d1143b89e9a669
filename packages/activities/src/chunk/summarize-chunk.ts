import type { Chunk, ChunkSummary } from '@reviewflow/contract';

/**
 * The part of a chunk the workflow keeps in history; the chunk itself stays in the artifact store
 * under `ref`. The line range spans every head-revision line of the chunk, context included.
 */
export function summarizeChunk(chunk: Chunk, ref: string): ChunkSummary {
  let startLine: number | undefined;
  let endLine: number | undefined;
  let addedLines = 0;
  for (const hunk of chunk.hunks) {
    for (const line of hunk.lines) {
      if (line.kind === 'add') addedLines++;
      if (line.newLine === undefined) continue;
      startLine ??= line.newLine;
      endLine = line.newLine;
    }
  }
  if (startLine === undefined || endLine === undefined) {
    throw new Error(`chunk ${chunk.id} has no head-revision lines to summarize`);
  }
  return { id: chunk.id, file: chunk.file, startLine, endLine, addedLines, ref };
}
