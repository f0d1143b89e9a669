import type { DiffHunk, DiffLine, FileChange, FileChangeStatus } from '@reviewflow/contract';

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses the output of `git diff` (with `a/` and `b/` prefixes) into file changes.
 *
 * Written in-house because parse-diff 0.12 ignores `rename from`/`rename to` and `Binary files`
 * lines, records "\ No newline at end of file" as an extra change line, and does not unquote
 * C-style quoted paths. Hunk bodies are read by the line counts of their `@@` header, so content
 * lines that look like headers (`--- x`, `diff --git`) are never mistaken for them.
 */
export function parseUnifiedDiff(diff: string): FileChange[] {
  const lines = diff.split('\n');
  if (lines.at(-1) === '') lines.pop();

  const files: FileChange[] = [];
  let i = 0;
  while (i < lines.length) {
    const gitLine = lines[i] ?? '';
    i++;
    if (!gitLine.startsWith('diff --git ')) continue;

    let renameFrom: string | undefined;
    let renameTo: string | undefined;
    let minusPath: string | null | undefined;
    let plusPath: string | null | undefined;
    let isNew = false;
    let isDeleted = false;
    let isBinary = false;

    for (; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line.startsWith('diff --git ') || line.startsWith('@@ ')) break;
      if (line.startsWith('new file mode ')) isNew = true;
      else if (line.startsWith('deleted file mode ')) isDeleted = true;
      else if (line.startsWith('rename from ')) renameFrom = unquotePath(line.slice('rename from '.length));
      else if (line.startsWith('rename to ')) renameTo = unquotePath(line.slice('rename to '.length));
      else if (line.startsWith('Binary files ') || line === 'GIT binary patch') isBinary = true;
      else if (line.startsWith('--- ')) minusPath = patchPath(line.slice(4), 'a/');
      else if (line.startsWith('+++ ')) plusPath = patchPath(line.slice(4), 'b/');
    }

    const hunks: DiffHunk[] = [];
    let additions = 0;
    let deletions = 0;
    while (i < lines.length && (lines[i] ?? '').startsWith('@@ ')) {
      const header = lines[i] ?? '';
      const match = hunkHeader.exec(header);
      if (!match) throw new Error(`malformed hunk header: ${header}`);
      let oldLine = Number(match[1]);
      let newLine = Number(match[3]);
      let oldLeft = match[2] === undefined ? 1 : Number(match[2]);
      let newLeft = match[4] === undefined ? 1 : Number(match[4]);
      const hunkLines: DiffLine[] = [];
      i++;
      while ((oldLeft > 0 || newLeft > 0) && i < lines.length) {
        const line = lines[i] ?? '';
        const marker = line[0];
        if (marker === '+') {
          hunkLines.push({ kind: 'add', text: line.slice(1), newLine: newLine++ });
          newLeft--;
          additions++;
        } else if (marker === '-') {
          hunkLines.push({ kind: 'del', text: line.slice(1), oldLine: oldLine++ });
          oldLeft--;
          deletions++;
        } else if (marker === ' ' || line === '') {
          // An empty line is a context line whose leading space was dropped (diff.suppressBlankEmpty).
          hunkLines.push({ kind: 'context', text: line.slice(1), newLine: newLine++, oldLine: oldLine++ });
          oldLeft--;
          newLeft--;
        } else if (marker !== '\\') {
          throw new Error(`unexpected line in hunk ${header}: ${line}`);
        }
        i++;
      }
      // "\ No newline at end of file" after a hunk's last line describes that line, not a new one.
      while (i < lines.length && (lines[i] ?? '').startsWith('\\')) i++;
      hunks.push({ header, lines: hunkLines });
    }

    let oldPath = renameFrom ?? minusPath;
    let newPath = renameTo ?? plusPath;
    if (oldPath === undefined || newPath === undefined) {
      const name = gitLinePath(gitLine.slice('diff --git '.length));
      oldPath ??= name;
      newPath ??= name;
    }
    const path = isDeleted ? oldPath : newPath;
    if (path === undefined || path === null) throw new Error(`cannot tell the path of: ${gitLine}`);

    const status: FileChangeStatus = isBinary
      ? 'binary'
      : isNew
        ? 'added'
        : isDeleted
          ? 'deleted'
          : renameFrom !== undefined
            ? 'renamed'
            : 'modified';
    const change: FileChange = { path, status, additions, deletions, hunks };
    if (typeof oldPath === 'string' && oldPath !== path) change.oldPath = oldPath;
    files.push(change);
  }
  return files;
}

/** The path of a `---`/`+++` line, or null for `/dev/null`. */
function patchPath(raw: string, prefix: string): string | null {
  // Git appends a tab to unquoted names that contain a space, for GNU patch.
  const name = raw.startsWith('"') ? unquotePath(raw) : raw.replace(/\t$/, '');
  if (name === '/dev/null') return null;
  return stripPrefix(name, prefix);
}

function stripPrefix(name: string, prefix: string): string {
  if (!name.startsWith(prefix)) throw new Error(`path without ${prefix} prefix: ${name}`);
  return name.slice(prefix.length);
}

/**
 * The name in `diff --git a/X b/X`. Only needed when no `---`/`+++` or rename lines exist (binary,
 * empty or mode-only changes); then both names are equal, which resolves names containing " b/".
 */
function gitLinePath(rest: string): string | undefined {
  if (rest.startsWith('"')) return stripPrefix(unquotePath(rest.slice(0, quotedEnd(rest))), 'a/');
  const nameLength = (rest.length - 5) / 2;
  const name = rest.slice(2, 2 + nameLength);
  return rest === `a/${name} b/${name}` ? name : undefined;
}

/** Index just past the closing quote of the quoted string at the start of `s`. */
function quotedEnd(s: string): number {
  for (let i = 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i + 1;
  }
  throw new Error(`unterminated quoted path: ${s}`);
}

const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style path quoting; octal escapes are UTF-8 bytes. */
function unquotePath(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  const bytes: number[] = [];
  const end = quotedEnd(raw) - 1;
  for (let i = 1; i < end; i++) {
    const ch = String.fromCodePoint(raw.codePointAt(i) ?? 0);
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length - 1;
      continue;
    }
    const next = raw[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(raw.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else if (next in escapes) {
      bytes.push(escapes[next] ?? 0);
      i += 1;
    } else {
      throw new Error(`unknown escape \\${next} in path ${raw}`);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
