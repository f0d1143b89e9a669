import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * The path of `prometheus` or `promtool` on PATH. These tests check the dashboard and alert rules
 * against a real Prometheus and never skip without one: a missing binary fails them with a message
 * that says how to install it.
 */
export function findPrometheusTool(name: 'prometheus' | 'promtool'): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  throw new Error(
    `${name} is not on PATH. The observability tests need a real Prometheus: install the Debian package ` +
      '`prometheus` (sudo apt-get install -y prometheus), as .ci/run does, or put its binaries on PATH.',
  );
}
