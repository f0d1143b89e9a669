import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The reviewflow checkout: the nearest folder at or above `from` whose package.json declares npm
 * `workspaces`.
 *
 * It defaults to this module's own location rather than `process.cwd()`, so tools find the checkout
 * even when started from a sub-folder; it falls back to `from` when no such folder exists.
 */
export function findProjectRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  const start = path.resolve(from);
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && declaresWorkspaces(manifest)) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

function declaresWorkspaces(manifest: string): boolean {
  try {
    const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'workspaces' in parsed;
  } catch {
    // An unreadable or half-written package.json is not the root we are looking for.
    return false;
  }
}
