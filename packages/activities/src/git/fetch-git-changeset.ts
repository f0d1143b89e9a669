import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FailureType, type Changeset } from '@reviewflow/contract';
import { GitSourceError } from './git-source-error.js';
import { parseUnifiedDiff } from './parse-unified-diff.js';

const execFileAsync = promisify(execFile);

// Large generated diffs are cut later by planChunks; git must not be cut off mid-diff here.
const maxBuffer = 256 * 1024 * 1024;

/**
 * Reads the changes between two revisions of a local repository with the `git` binary.
 *
 * Throws {@link GitSourceError} when the path is not a readable repository or a revision is
 * unknown; any other error (git missing, I/O, a diff too large to buffer) is rethrown unchanged so
 * the activity is retried.
 */
export async function fetchGitChangeset(source: { path: string; base: string; head: string }): Promise<Changeset> {
  const { path, base, head } = source;
  for (const revision of [base, head]) {
    // A leading '-' would be read as an option of git (option injection), never as a revision.
    if (revision === '' || revision.startsWith('-')) {
      throw new GitSourceError(FailureType.GitUnknownRevision, `invalid revision ${JSON.stringify(revision)}`);
    }
  }

  // Problems are told apart by exit codes of dedicated commands rather than by parsing git's
  // messages, which are localised.
  try {
    await git(path, ['rev-parse', '--git-dir']);
  } catch (error) {
    if (exitCode(error) !== undefined) {
      throw new GitSourceError(FailureType.GitNotARepository, `${path} is not a readable git repository`, {
        cause: error,
      });
    }
    throw error;
  }
  const [baseCommit, headCommit] = await Promise.all([resolveCommit(path, base), resolveCommit(path, head)]);

  const diff = await git(path, [
    '-c',
    'core.quotepath=off',
    'diff',
    '--no-color',
    '--no-ext-diff',
    // Repository config could name textconv programs; a review must not run them.
    '--no-textconv',
    // Fixed prefixes, whatever diff.noprefix or diff.mnemonicPrefix say; the parser relies on them.
    '--src-prefix=a/',
    '--dst-prefix=b/',
    '--find-renames',
    '--unified=3',
    baseCommit,
    headCommit,
    '--',
  ]);
  return { base, head, files: parseUnifiedDiff(diff) };
}

async function resolveCommit(path: string, revision: string): Promise<string> {
  try {
    return (await git(path, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])).trim();
  } catch (error) {
    // `--verify --quiet` exits 1 exactly when the revision does not name a commit.
    if (exitCode(error) === 1) {
      throw new GitSourceError(FailureType.GitUnknownRevision, `unknown revision ${revision} in ${path}`, {
        cause: error,
      });
    }
    throw error;
  }
}

async function git(path: string, args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('git', ['-C', path, ...args], { encoding: 'utf8', maxBuffer });
  return stdout;
}

/** The exit code of a git that ran and failed; undefined when git did not run (e.g. ENOENT) or was killed. */
function exitCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
