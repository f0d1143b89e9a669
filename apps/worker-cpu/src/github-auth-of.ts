import { readFile } from 'node:fs/promises';
import type { GitHubAuth } from '@reviewflow/activities';
import type { CpuWorkerConfig } from './config.js';

/**
 * The worker's GitHub credentials from its configuration, as references: a GitHub App (app id and
 * private key file) wins over a token file, which wins over a token value. Files are read when an
 * activity needs a client, so a rotated secret is picked up without a restart, and no credential is
 * ever part of workflow input or history.
 */
export function gitHubAuthOf(config: CpuWorkerConfig): GitHubAuth {
  const fromFile = (path: string) => async () => (await readFile(path, 'utf8')).trim();
  if (config.GITHUB_APP_ID !== undefined) {
    if (config.GITHUB_APP_PRIVATE_KEY_FILE === undefined) {
      throw new Error('GITHUB_APP_ID needs GITHUB_APP_PRIVATE_KEY_FILE (the app private key, PEM)');
    }
    return { kind: 'app', appId: config.GITHUB_APP_ID, privateKey: fromFile(config.GITHUB_APP_PRIVATE_KEY_FILE) };
  }
  if (config.GITHUB_TOKEN_FILE !== undefined) return { kind: 'token', token: fromFile(config.GITHUB_TOKEN_FILE) };
  const token = config.GITHUB_TOKEN;
  if (token !== undefined) return { kind: 'token', token: () => Promise.resolve(token) };
  return { kind: 'none' };
}
