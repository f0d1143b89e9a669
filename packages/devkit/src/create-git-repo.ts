import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Files of one commit: path -> content, or `null` to delete the file. */
export type CommitFiles = Record<string, string | null>;

/**
 * A throwaway git repository made of the given commits (the first is the base), with a local
 * identity so it works on machines without a global git config. Returns its path.
 */
export function createGitRepo(commits: CommitFiles[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'reviewflow-repo-'));
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  for (const files of commits) addCommit(dir, files);
  return dir;
}

/** Adds one commit to a repository made by {@link createGitRepo}. */
export function addCommit(dir: string, files: CommitFiles, message = 'change'): void {
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    if (content === null) {
      rmSync(file, { force: true });
    } else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  const git = ['-C', dir, '-c', 'user.email=dev@reviewflow.test', '-c', 'user.name=reviewflow test'];
  execFileSync('git', [...git, 'add', '-A']);
  execFileSync('git', [...git, 'commit', '-q', '--allow-empty', '-m', message]);
}

/**
 * The repository of the outside e2e check: its head commit adds a hard-coded AWS key (lines 3-4 of
 * src/config.js) and a leftover console.log (line 4 of src/app.js).
 */
export function createPlantedRepo(): string {
  return createGitRepo([
    {
      'src/config.js': 'export const region = "eu-west-1";\n',
      'src/app.js': 'export function add(a, b) {\n  return a + b;\n}\n',
    },
    {
      'src/config.js':
        'export const region = "eu-west-1";\nexport const bucket = "reports";\n' +
        'export const awsSecretAccessKey = "q7Hk2Zr9Lm4Xv8Bn3Tc6Wd1Fs5Gj0Pe2Ya7Uo9i";\n' +
        'export const awsAccessKeyId = "AKIAJ3V8QW2NX5LP7RT4";\n',
      'src/app.js':
        'export function add(a, b) {\n  const sum = a + b;\n  // keep it simple\n  console.log("sum is", sum);\n  return sum;\n}\n',
    },
  ]);
}
