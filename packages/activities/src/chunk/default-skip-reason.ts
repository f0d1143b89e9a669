import type { FileChange } from '@reviewflow/contract';

const lockFiles = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'Cargo.lock',
  'go.sum',
  'poetry.lock',
  'uv.lock',
  'composer.lock',
  'Gemfile.lock',
  'Pipfile.lock',
  'packages.lock.json',
  'flake.lock',
]);

// Directories of third-party code checked into a repository: reviewing them reviews someone else.
const vendoredDir = /(?:^|\/)(?:vendor|vendors|third[_-]party|node_modules|bower_components|Pods|external)\//;

// Build outputs and generator results, by naming convention.
const generatedName =
  /(?:\.min\.(?:js|css|mjs)|\.(?:js|css)\.map|\.pb\.go|_pb2(?:_grpc)?\.pyi?|\.pb\.(?:cc|h)|\.g\.dart|\.freezed\.dart|\.designer\.cs|\.generated\.\w+|\.snap)$/;
const generatedDir = /(?:^|\/)(?:__generated__|generated|dist|build)\//;
// Go's convention (https://go.dev/s/generatedcode) and the `@generated` tag used by many tools.
const generatedMarker = /^(?:\/\/|#|\/\*|--|\s\*)\s*(?:Code generated .* DO NOT EDIT\.|@generated\b)/;

/**
 * Why a file is skipped by default (`binary`, `deleted`, `lockfile`, `vendored`, `generated`), or
 * `undefined` for files worth a review. Generated files are also recognised by a generator's marker
 * in their first added lines, which catches generators with no naming convention.
 */
export function defaultSkipReason(file: FileChange): string | undefined {
  if (file.status === 'binary') return 'binary';
  if (file.status === 'deleted') return 'deleted';
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (lockFiles.has(name)) return 'lockfile';
  if (vendoredDir.test(file.path)) return 'vendored';
  if (generatedName.test(file.path) || generatedDir.test(file.path)) return 'generated';
  const head = file.hunks[0]?.lines.slice(0, 5) ?? [];
  if (head.some((line) => line.kind === 'add' && generatedMarker.test(line.text))) return 'generated';
  return undefined;
}
