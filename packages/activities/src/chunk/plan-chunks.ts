import type { Changeset, Chunk, DiffHunk, DiffLine, FileChange } from '../model/changeset.js';
import type { Coverage, FileCoverage } from '../model/coverage.js';

const lockFiles = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'Cargo.lock',
  'go.sum',
  'poetry.lock',
  'composer.lock',
  'Gemfile.lock',
  'Pipfile.lock',
]);

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

/**
 * Cuts a changeset into review chunks and records what is left out and why.
 *
 * A chunk is a run of consecutive hunks of one file holding at most `maxChunkLines` diff lines; a
 * bigger hunk is split into several chunks with rewritten `@@` headers. Hunks or hunk pieces without
 * added lines are dropped: reviewers only report on added lines. Chunk ids (`c0001`, `c0002`, ...)
 * follow file order, so the same changeset always yields the same ids, which artifact keys rely on.
 */
export function planChunks(
  changeset: Changeset,
  options: { maxChunkLines?: number; maxFileAddedLines?: number } = {},
): { chunks: Chunk[]; coverage: Coverage } {
  const maxChunkLines = options.maxChunkLines ?? 120;
  const maxFileAddedLines = options.maxFileAddedLines ?? 4000;
  for (const [name, value] of Object.entries({ maxChunkLines, maxFileAddedLines })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }

  const chunks: Chunk[] = [];
  const files: FileCoverage[] = [];
  for (const file of changeset.files) {
    const addedLines = countAdded(file.hunks);
    const skipReason = skipReasonOf(file, addedLines);
    if (skipReason !== undefined) {
      files.push({ file: file.path, status: 'skipped', reason: skipReason, addedLines, reviewedLines: 0 });
      continue;
    }

    const tooLarge = addedLines > maxFileAddedLines;
    const hunks = tooLarge ? keepAdded(file.hunks, maxFileAddedLines) : file.hunks;
    const pieces = hunks.flatMap((hunk) => splitHunk(hunk, maxChunkLines)).filter((hunk) => countAdded([hunk]) > 0);

    let current: DiffHunk[] = [];
    let currentLines = 0;
    const flush = () => {
      if (current.length === 0) return;
      chunks.push({ id: `c${String(chunks.length + 1).padStart(4, '0')}`, file: file.path, hunks: current });
      current = [];
      currentLines = 0;
    };
    for (const piece of pieces) {
      if (currentLines + piece.lines.length > maxChunkLines) flush();
      current.push(piece);
      currentLines += piece.lines.length;
    }
    flush();

    const reviewedLines = countAdded(pieces);
    files.push(
      tooLarge
        ? { file: file.path, status: 'partial', reason: 'too-large', addedLines, reviewedLines }
        : { file: file.path, status: 'full', addedLines, reviewedLines },
    );
  }

  const count = (status: FileCoverage['status']) => files.filter((f) => f.status === status).length;
  return {
    chunks,
    coverage: {
      filesFull: count('full'),
      filesPartial: count('partial'),
      filesSkipped: count('skipped'),
      files,
      ...(changeset.omittedFiles ? { omittedFiles: changeset.omittedFiles } : {}),
    },
  };
}

function skipReasonOf(file: FileChange, addedLines: number): string | undefined {
  if (file.skipReason !== undefined) return file.skipReason;
  if (file.status === 'binary') return 'binary';
  if (file.status === 'deleted') return 'deleted';
  if (lockFiles.has(file.path.slice(file.path.lastIndexOf('/') + 1))) return 'lockfile';
  if (addedLines === 0) return 'no-added-lines';
  return undefined;
}

function countAdded(hunks: DiffHunk[]): number {
  let added = 0;
  for (const hunk of hunks) for (const line of hunk.lines) if (line.kind === 'add') added++;
  return added;
}

/** The hunks cut just before the added line that would exceed `limit`. */
function keepAdded(hunks: DiffHunk[], limit: number): DiffHunk[] {
  const kept: DiffHunk[] = [];
  let added = 0;
  for (const hunk of hunks) {
    let end = 0;
    for (; end < hunk.lines.length; end++) {
      if (hunk.lines[end]?.kind === 'add' && ++added > limit) break;
    }
    if (end === hunk.lines.length) {
      kept.push(hunk);
      continue;
    }
    // Splitting at the cut point rewrites the header to the counts of the kept lines.
    if (end > 0) kept.push(...splitHunk({ header: hunk.header, lines: hunk.lines.slice(0, end) }, end));
    break;
  }
  return kept;
}

/**
 * Splits a hunk into pieces of at most `maxLines` lines, each with a header computed from the
 * original's start lines so it reads as a valid hunk on its own. A header that still matches its
 * lines is kept, with git's section text.
 */
function splitHunk(hunk: DiffHunk, maxLines: number): DiffHunk[] {
  const match = hunkHeader.exec(hunk.header);
  if (!match) throw new Error(`malformed hunk header: ${hunk.header}`);
  const [, oldStart, oldCount, newStart, newCount, section = ''] = match;
  // A count of 0 means the start names the line before the (empty) range.
  let nextOld = Number(oldStart) + (oldCount === '0' ? 1 : 0);
  let nextNew = Number(newStart) + (newCount === '0' ? 1 : 0);

  const pieces: DiffHunk[] = [];
  for (let from = 0; from < hunk.lines.length; from += maxLines) {
    const lines = hunk.lines.slice(from, from + maxLines);
    const olds = lines.filter(hasOld).length;
    const news = lines.filter(hasNew).length;
    const header =
      from === 0 && lines.length === hunk.lines.length && countsMatch(match, olds, news)
        ? hunk.header
        : `@@ -${range(nextOld, olds)} +${range(nextNew, news)} @@${section}`;
    pieces.push({ header, lines });
    nextOld += olds;
    nextNew += news;
  }
  return pieces;
}

const hasOld = (line: DiffLine) => line.kind !== 'add';
const hasNew = (line: DiffLine) => line.kind !== 'del';

function countsMatch(match: RegExpExecArray, olds: number, news: number): boolean {
  return Number(match[2] ?? 1) === olds && Number(match[4] ?? 1) === news;
}

function range(start: number, count: number): string {
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}
