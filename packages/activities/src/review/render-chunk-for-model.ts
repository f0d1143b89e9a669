import type { Chunk } from '@reviewflow/contract';

/**
 * A chunk as a model reads it: the file path, then each hunk header and its lines with the
 * head-revision line number in a gutter (`+  13 | ...` for added lines, `   12 | ...` for context,
 * `-     | ...` for deleted lines), so the model can name exact lines without counting.
 */
export function renderChunkForModel(chunk: Chunk): string {
  const out = [`File: ${chunk.file}`];
  for (const hunk of chunk.hunks) {
    out.push(hunk.header);
    for (const line of hunk.lines) {
      const marker = line.kind === 'add' ? '+' : line.kind === 'del' ? '-' : ' ';
      const number = line.kind === 'del' ? '' : String(line.newLine ?? '');
      out.push(`${marker}${number.padStart(5)} | ${line.text}`);
    }
  }
  return out.join('\n');
}
