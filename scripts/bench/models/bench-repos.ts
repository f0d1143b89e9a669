import { execFileSync } from 'node:child_process';
import { createGitRepo, type CommitFiles } from '@reviewflow/devkit';
import type { GitSource } from '@reviewflow/contract';

const domains = ['invoice', 'session', 'upload', 'report', 'account', 'payment', 'search', 'webhook'];

// A module of ordinary service code; `n` varies names and constants so no two chunks are alike.
function moduleOf(n: number, changed: boolean): string {
  const d = domains[n % domains.length]!;
  const D = d[0]!.toUpperCase() + d.slice(1);
  const lines = [
    `import { db } from '../db.js';`,
    ``,
    `export async function load${D}${n}(id) {`,
    `  const row = await db.${d}s.findById(id);`,
    `  if (!row) throw new Error('${d} ' + id + ' not found');`,
    `  return row;`,
    `}`,
    ``,
  ];
  if (changed) {
    lines.push(
      `export async function list${D}s${n}(ownerId, { limit = ${10 + n}, offset = 0 } = {}) {`,
      `  const rows = await db.${d}s.where({ ownerId }).orderBy('createdAt', 'desc').limit(limit).offset(offset);`,
      `  const total = await db.${d}s.count({ ownerId });`,
      `  return { items: rows.map((r) => ({ id: r.id, status: r.status, updatedAt: r.updatedAt })), total };`,
      `}`,
      ``,
    );
  }
  return lines.join('\n');
}

/**
 * A repository whose head commit changes `files` modules, one hunk each, so a review of it plans
 * one chunk per file. Returns the git source of that commit.
 */
export function benchRepo(files: number): GitSource {
  const base: CommitFiles = {};
  const head: CommitFiles = {};
  for (let n = 0; n < files; n++) {
    const path = `src/${domains[n % domains.length]}/module-${String(n).padStart(3, '0')}.js`;
    base[path] = moduleOf(n, false);
    head[path] = moduleOf(n, true);
  }
  const path = createGitRepo([base, head]);
  const sha = (rev: string) => execFileSync('git', ['-C', path, 'rev-parse', rev]).toString().trim();
  return { kind: 'git', path, base: sha('HEAD~1'), head: sha('HEAD') };
}
