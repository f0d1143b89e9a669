import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Thrown when git cannot open the path as a repository (or git itself cannot run). */
export class NotAGitRepository extends Error {
  override readonly name = 'NotAGitRepository';
}

/** Turns revisions of local repositories into full commit ids. */
export interface GitRevisionResolver {
  /**
   * The full id of the commit each revision names (`HEAD~1`, a branch, a tag, a SHA), or undefined
   * for one that names no commit. Rejects with {@link NotAGitRepository} when `path` is none.
   */
  resolve(path: string, revisions: readonly string[]): Promise<Array<string | undefined>>;
  /** Ends every git process; later calls start new ones. */
  close(): void;
}

/**
 * Resolves revisions through one long-running `git cat-file --batch-check` per repository instead
 * of a `git rev-parse` process per revision. Starting git costs milliseconds on every POST /reviews
 * (most of what the gateway added to a Temporal start); a line on a running process costs
 * microseconds. git reads refs and objects afresh for every line, so a new commit or a moved branch
 * is seen at once.
 */
export function createGitRevisionResolver(
  options: { maxRepositories?: number; idleMs?: number } = {},
): GitRevisionResolver {
  const maxRepositories = options.maxRepositories ?? 32;
  const idleMs = options.idleMs ?? 60_000;
  // Insertion order is recency: a repository asked again moves to the end.
  const open = new Map<string, BatchCheck>();

  const processFor = (path: string): BatchCheck => {
    const existing = open.get(path);
    open.delete(path);
    if (existing && !existing.ended) {
      open.set(path, existing);
      return existing;
    }
    const created = new BatchCheck(path, idleMs, () => {
      if (open.get(path) === created) open.delete(path);
    });
    open.set(path, created);
    for (const [oldest, batch] of open) {
      if (open.size <= maxRepositories) break;
      open.delete(oldest);
      batch.end();
    }
    return created;
  };

  return {
    async resolve(path, revisions) {
      return processFor(path).ask(revisions);
    },
    close() {
      for (const batch of open.values()) batch.end();
      open.clear();
    },
  };
}

const objectId = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** One `git cat-file --batch-check`: a line in (a revision), a line out (its id, or "… missing"). */
class BatchCheck {
  ended = false;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<{ answer(line: string): void; fail(err: Error): void }> = [];
  private stderr = '';
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    path: string,
    private readonly idleMs: number,
    onEnd: () => void,
  ) {
    this.child = spawn('git', ['-C', path, 'cat-file', '--batch-check=%(objectname)'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.answer(line));
    this.child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 2000) this.stderr += chunk.toString();
    });
    // Writing to a git that already exited (not a repository) must not crash the API.
    this.child.stdin.on('error', () => {});
    const finish = (detail: string) => {
      this.ended = true;
      clearTimeout(this.idleTimer);
      onEnd();
      const err = new NotAGitRepository(this.stderr.trim().split('\n')[0] || detail);
      for (const waiter of this.waiting.splice(0)) waiter.fail(err);
    };
    this.child.on('error', (err) => finish(err.message));
    this.child.on('close', (code) => finish(`git exited with ${code}`));
    this.touch();
  }

  ask(revisions: readonly string[]): Promise<Array<string | undefined>> {
    if (this.ended) return Promise.reject(new NotAGitRepository(this.stderr.trim() || 'git is not running'));
    this.touch();
    const lines: string[] = [];
    const answers = revisions.map((revision) => {
      // A line break would split one question into two and shift every later answer.
      if (/[\r\n\0]/.test(revision)) return Promise.resolve(undefined);
      // `^{commit}` peels a tag and turns a tree or blob into "missing".
      lines.push(`${revision}^{commit}\n`);
      return new Promise<string | undefined>((resolve, reject) => {
        this.waiting.push({ answer: (line) => resolve(objectId.test(line) ? line : undefined), fail: reject });
      });
    });
    // One write for all of a request's revisions: git reads them in one go, instead of possibly
    // waking up once per line (a process wake-up is what costs here on a busy machine).
    if (lines.length > 0) this.child.stdin.write(lines.join(''));
    return Promise.all(answers);
  }

  /** Lets git answer what it was asked, then exit. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.idleTimer);
    this.child.stdin.end();
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.end(), this.idleMs).unref();
  }
}
