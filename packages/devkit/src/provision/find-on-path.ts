import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Executable files named `command` in the folders of `PATH`, in PATH order. */
export function executablesOnPath(command: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const names = process.platform === 'win32' ? [`${command}.exe`, `${command}.cmd`] : [command];
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((dir) => dir !== '');
  return dirs.flatMap((dir) => names.map((name) => path.resolve(dir, name))).filter(isExecutableFile);
}

/** Whether `file` is a regular file this process may execute (a folder named like a tool is not). */
export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
