import {
  withCoverageTotals,
  type Changeset,
  type Chunk,
  type DiffHunk,
  type DiffLine,
  type Coverage,
  type FileCoverage,
} from '@reviewflow/contract';
import { defaultSkipReason } from './default-skip-reason.js';
import { estimateTokens } from './estimate-tokens.js';
import { filteredOutReason, type PathFilters } from './path-filters.js';

/** Options of {@link planChunks}. */
export interface PlanChunksOptions {
  /** Diff lines per chunk at most. Default 120. */
  maxChunkLines?: number;
  /** Estimated model tokens per chunk at most (see `estimateTokens`). Default 1500. */
  maxChunkTokens?: number;
  /** Added lines reviewed per file at most; the rest of the file is cut (`too-large`). Default 4000. */
  maxFileAddedLines?: number;
  /** Include and exclude globs, from the request or the repository's `.reviewflow.yml`. */
  filters?: PathFilters;
}

// What one diff line costs in a prompt besides its text: the marker, the line-number gutter, newline.
const lineOverheadTokens = 3;
const lineTokens = (line: DiffLine) => estimateTokens(line.text) + lineOverheadTokens;

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

/**
 * Cuts a changeset into review chunks and records what is left out and why.
 *
 * A chunk is a run of consecutive whole hunks of one file, each with the context lines the source
 * put around it, holding at most `maxChunkLines` diff lines and `maxChunkTokens` estimated tokens; a
 * bigger hunk is split into several chunks with rewritten `@@` headers. Generated, lock, vendored,
 * binary and deleted files are skipped, as are files the filters leave out; coverage names each with
 * its reason. Hunks or hunk pieces without added lines are dropped: reviewers only report on added
 * lines. Chunk ids (`c0001`, `c0002`, ...) follow file order, so the same changeset always yields the
 * same ids, which artifact keys rely on.
 */
export function planChunks(
  changeset: Changeset,
  options: PlanChunksOptions = {},
): { chunks: Chunk[]; coverage: Coverage } {
  const maxChunkLines = options.maxChunkLines ?? 120;
  const maxChunkTokens = options.maxChunkTokens ?? 1500;
  const maxFileAddedLines = options.maxFileAddedLines ?? 4000;
  for (const [name, value] of Object.entries({ maxChunkLines, maxChunkTokens, maxFileAddedLines })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }

  const chunks: Chunk[] = [];
  const files: FileCoverage[] = [];
  for (const file of changeset.files) {
    const addedLines = countAdded(file.hunks);
    const skipReason =
      file.skipReason ??
      defaultSkipReason(file) ??
      filteredOutReason(file.path, options.filters ?? {}) ??
      (addedLines === 0 ? 'no-added-lines' : undefined);
    if (skipReason !== undefined) {
      files.push({ file: file.path, status: 'skipped', reason: skipReason, addedLines, reviewedLines: 0 });
      continue;
    }

    const tooLarge = addedLines > maxFileAddedLines;
    const hunks = tooLarge ? keepAdded(file.hunks, maxFileAddedLines) : file.hunks;
    const pieces = hunks
      .flatMap((hunk) => splitHunk(hunk, maxChunkLines, maxChunkTokens))
      .filter((hunk) => countAdded([hunk]) > 0);

    let current: DiffHunk[] = [];
    let currentLines = 0;
    let currentTokens = 0;
    const flush = () => {
      if (current.length === 0) return;
      chunks.push({ id: `c${String(chunks.length + 1).padStart(4, '0')}`, file: file.path, hunks: current });
      current = [];
      currentLines = 0;
      currentTokens = 0;
    };
    for (const piece of pieces) {
      const tokens = piece.lines.reduce((n, line) => n + lineTokens(line), 0);
      if (currentLines + piece.lines.length > maxChunkLines || currentTokens + tokens > maxChunkTokens) flush();
      current.push(piece);
      currentLines += piece.lines.length;
      currentTokens += tokens;
    }
    flush();

    const reviewedLines = countAdded(pieces);
    files.push(
      tooLarge
        ? { file: file.path, status: 'partial', reason: 'too-large', addedLines, reviewedLines }
        : { file: file.path, status: 'full', addedLines, reviewedLines },
    );
  }

  return {
    chunks,
    coverage: {
      ...withCoverageTotals(files),
      ...(changeset.omittedFiles ? { omittedFiles: changeset.omittedFiles } : {}),
    },
  };
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
    if (end > 0) kept.push(...splitHunk({ header: hunk.header, lines: hunk.lines.slice(0, end) }, end, Infinity));
    break;
  }
  return kept;
}

/**
 * Splits a hunk into pieces of at most `maxLines` lines and `maxTokens` estimated tokens (a single
 * longer line is a piece of its own), each with a header computed from the original's start lines
 * so it reads as a valid hunk on its own. A header that still matches its lines is kept, with git's
 * section text.
 */
function splitHunk(hunk: DiffHunk, maxLines: number, maxTokens: number): DiffHunk[] {
  const match = hunkHeader.exec(hunk.header);
  if (!match) throw new Error(`malformed hunk header: ${hunk.header}`);
  const [, oldStart, oldCount, newStart, newCount, section = ''] = match;
  // A count of 0 means the start names the line before the (empty) range.
  let nextOld = Number(oldStart) + (oldCount === '0' ? 1 : 0);
  let nextNew = Number(newStart) + (newCount === '0' ? 1 : 0);

  const pieces: DiffHunk[] = [];
  for (let from = 0; from < hunk.lines.length;) {
    let to = from;
    let tokens = 0;
    while (to < hunk.lines.length && to - from < maxLines) {
      const cost = lineTokens(hunk.lines[to]!);
      if (to > from && tokens + cost > maxTokens) break;
      tokens += cost;
      to++;
    }
    const lines = hunk.lines.slice(from, to);
    const olds = lines.filter(hasOld).length;
    const news = lines.filter(hasNew).length;
    const header =
      from === 0 && lines.length === hunk.lines.length && countsMatch(match, olds, news)
        ? hunk.header
        : `@@ -${range(nextOld, olds)} +${range(nextNew, news)} @@${section}`;
    pieces.push({ header, lines });
    nextOld += olds;
    nextNew += news;
    from = to;
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
