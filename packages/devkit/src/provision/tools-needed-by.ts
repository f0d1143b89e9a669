import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { provisionedTools, type ToolName } from './provisioned-tools.js';

/**
 * The helper modules through which tests reach each tool, relative to the checkout. A test needs a
 * tool when one of these is among the files it imports, directly or through its support modules.
 */
export const toolHelpers: Readonly<Record<string, readonly ToolName[]>> = {
  'apps/api/test/browser/chromium-path.ts': ['chromium'],
  'scripts/observability/find-prometheus-tool.ts': ['prometheus', 'promtool'],
  'scripts/test/support/find-helm.ts': ['helm'],
  'scripts/test/support/find-hadolint.ts': ['hadolint'],
};

// `from './x.js'` and `import('./x.js')`, and a quoted project path of a script a test runs
// (`'scripts/observability/run-prometheus.ts'`), which it reaches by spawning rather than importing.
// A quoted test file is data (say, in a test of this very function), not something it runs.
const relativeImport = /(?:\bfrom\s*|\bimport\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
const spawnedScript = /['"]((?:apps|packages|scripts)\/[\w./-]+(?<!\.test)\.ts)['"]/g;

/**
 * The tools that `files` (test files, relative to `root`) need, in a fixed order: found by following
 * their relative imports and the scripts they name within the checkout, never into packages.
 */
export function toolsNeededBy(root: string, files: readonly string[]): ToolName[] {
  const seen = new Set<string>();
  const queue = files.map((file) => path.resolve(root, file));
  const needed = new Set<ToolName>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    for (const tool of toolHelpers[path.relative(root, file).split(path.sep).join('/')] ?? []) needed.add(tool);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier = ''] of text.matchAll(relativeImport)) {
      queue.push(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
    for (const [, script = ''] of text.matchAll(spawnedScript)) queue.push(path.resolve(root, script));
  }
  return (Object.keys(provisionedTools) as ToolName[]).filter((tool) => needed.has(tool));
}
