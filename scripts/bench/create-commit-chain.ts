import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitSource } from '@reviewflow/contract';

/** Options of {@link createCommitChain}. */
export interface CommitChainOptions {
  /** Commits after the root commit; each is one review source. */
  commits: number;
  /** Files each commit changes (one chunk each); 1 keeps reviews as cheap as they get. */
  filesPerCommit?: number;
}

/**
 * A throwaway repository of many small commits, written in one `git fast-import` pass (thousands of
 * commits in a second, where `git commit` per commit takes minutes), and one review source per
 * commit (its parent..itself) with the canonical path and full SHAs the API would resolve. Every
 * source is a different review, so every start in a benchmark starts a new workflow.
 */
export function createCommitChain(options: CommitChainOptions): { path: string; sources: GitSource[] } {
  const path = realpathSync(mkdtempSync(join(tmpdir(), 'reviewflow-bench-repo-')));
  execFileSync('git', ['init', '-q', '-b', 'main', path]);
  const files = options.filesPerCommit ?? 1;
  const stream: string[] = [];
  const when = 1_700_000_000;
  for (let c = 0; c <= options.commits; c++) {
    stream.push('commit refs/heads/main', `mark :${c + 1}`);
    stream.push(`committer bench <bench@reviewflow.test> ${when + c} +0000`);
    const message = `change ${c}`;
    stream.push(`data ${Buffer.byteLength(message)}`, message);
    if (c > 0) stream.push(`from :${c}`);
    for (let f = 0; f < files; f++) {
      const content = `export const value${f} = ${c};\nconsole.log('debug', value${f});\n`;
      stream.push(`M 100644 inline src/module${f}.js`, `data ${Buffer.byteLength(content)}`, content);
    }
    stream.push('');
  }
  execFileSync('git', ['-C', path, 'fast-import', '--quiet'], { input: stream.join('\n') });
  execFileSync('git', ['-C', path, 'checkout', '-q', 'main']);
  const shas = execFileSync('git', ['-C', path, 'rev-list', '--reverse', 'main'], { maxBuffer: 64 << 20 })
    .toString()
    .trim()
    .split('\n');
  const sources = shas.slice(1).map((head, i): GitSource => ({ kind: 'git', path, base: shas[i]!, head }));
  return { path, sources };
}
