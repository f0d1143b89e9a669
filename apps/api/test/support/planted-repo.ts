import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway git repository whose head commit adds a hard-coded AWS key (lines 3-4 of
 * src/config.js) and a leftover console.log (line 4 of src/app.js), like the outside e2e check.
 */
export function createPlantedRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reviewflow-planted-'));
  const git = (...args: string[]): void => {
    execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
  };
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 't');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/config.js'), 'export const region = "eu-west-1";\n');
  writeFileSync(join(dir, 'src/app.js'), 'export function add(a, b) {\n  return a + b;\n}\n');
  git('add', '-A');
  git('commit', '-qm', 'base');
  writeFileSync(
    join(dir, 'src/config.js'),
    'export const region = "eu-west-1";\nexport const bucket = "reports";\n' +
      'export const awsSecretAccessKey = "q7Hk2Zr9Lm4Xv8Bn3Tc6Wd1Fs5Gj0Pe2Ya7Uo9i";\n' +
      'export const awsAccessKeyId = "AKIAJ3V8QW2NX5LP7RT4";\n',
  );
  writeFileSync(
    join(dir, 'src/app.js'),
    'export function add(a, b) {\n  const sum = a + b;\n  // keep it simple\n  console.log("sum is", sum);\n  return sum;\n}\n',
  );
  git('add', '-A');
  git('commit', '-qm', 'head');
  return dir;
}

/** Adds a commit to `dir` that changes `file`, so the repository has a new head to review. */
export function commitChange(dir: string, file: string, content: string): void {
  writeFileSync(join(dir, file), content);
  execFileSync('git', ['-C', dir, 'add', '-A'], { stdio: 'ignore' });
  execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'change'], {
    stdio: 'ignore',
  });
}
