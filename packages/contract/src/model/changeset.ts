/** One line of a diff hunk; `newLine` is set for added and context lines, `oldLine` for deleted and context lines. */
export interface DiffLine {
  kind: 'add' | 'del' | 'context';
  text: string;
  newLine?: number;
  oldLine?: number;
}

export interface DiffHunk {
  /** The `@@ -a,b +c,d @@` header. */
  header: string;
  lines: DiffLine[];
}

export type FileChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'binary';

/** The changes of one file between base and head. */
export interface FileChange {
  /** Path in the head revision (the old path for deleted files). */
  path: string;
  oldPath?: string;
  status: FileChangeStatus;
  additions: number;
  deletions: number;
  hunks: DiffHunk[];
  /** Set when the source could not deliver this file's diff (e.g. GitHub omits patches that are too large). */
  skipReason?: string;
}

/** Every file change between two revisions: stored as an artifact, never passed through history. */
export interface Changeset {
  base: string;
  head: string;
  files: FileChange[];
  /** Changed files the source did not list at all (GitHub lists at most 3000 per pull request). */
  omittedFiles?: { count: number; reason: string };
}

/** A unit of review: consecutive hunks of one file, within a line budget. Stored as an artifact. */
export interface Chunk {
  id: string;
  file: string;
  hunks: DiffHunk[];
}

/** What the workflow knows about a chunk: small enough for history. */
export interface ChunkSummary {
  id: string;
  file: string;
  /** First and last head-revision line the chunk covers. */
  startLine: number;
  endLine: number;
  addedLines: number;
  /** Artifact reference of the full {@link Chunk}. */
  ref: string;
}
