import { execFile } from 'node:child_process';
import type { ReviewView } from '../schemas/review-schemas.js';

/** The lines of the head revision of each file a page shows findings of, by path. */
export type CodeContext = ReadonlyMap<string, readonly string[]>;

/** Limits of {@link readCodeContext}. */
export interface CodeContextOptions {
  /** Files read at most (the first ones with findings); the rest are shown without code. */
  maxFiles?: number;
  /** Per file; a slow or huge repository costs the page its code, never the page itself. */
  timeoutMs?: number;
  maxBytes?: number;
}

function readBlob(path: string, spec: string, timeoutMs: number, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    // `<commit>:<path>` names a blob of that commit's tree: nothing outside the repository, and the
    // argument starts with the commit's hex id, so it cannot be taken for an option.
    execFile(
      'git',
      ['-C', path, 'cat-file', 'blob', spec],
      { timeout: timeoutMs, maxBuffer: maxBytes, encoding: 'utf8', windowsHide: true },
      (err, stdout) => resolve(err || stdout.includes('\u0000') ? undefined : stdout),
    );
  });
}

/**
 * The head revision of the files with findings, for showing each finding's lines in context. Only
 * for local git sources, read from the repository the API resolved the review's revisions in;
 * GitHub sources, and files that cannot be read (the API runs elsewhere, a binary, a timeout), get
 * no code: the findings are shown all the same.
 */
export async function readCodeContext(review: ReviewView, options: CodeContextOptions = {}): Promise<CodeContext> {
  const source = review.source;
  const context = new Map<string, readonly string[]>();
  if (source?.kind !== 'git' || !/^[0-9a-f]{40,64}$/.test(source.head)) return context;
  const files = [...new Set(review.findings.map((f) => f.file))].slice(0, options.maxFiles ?? 20);
  const read = await Promise.all(
    files.map((file) =>
      readBlob(source.path, `${source.head}:${file}`, options.timeoutMs ?? 2000, options.maxBytes ?? 1024 * 1024),
    ),
  );
  files.forEach((file, i) => {
    const text = read[i];
    // A last newline ends the last line; it does not start another.
    if (text !== undefined) context.set(file, text.replace(/\r?\n$/, '').split(/\r?\n/));
  });
  return context;
}
