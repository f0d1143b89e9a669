import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * A secret of `npm start` kept in the data folder: read when there, else `length` random bytes
 * written (base64, owner-only) and returned. Kept beside temporal.db because what they protect
 * lives there too: links of reviews that still wait, and payloads encrypted under the key, must
 * work after a restart. Deleting the data folder deletes both together.
 */
export function devSecretFile(file: string, length: number): string {
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing !== '') return existing;
  } catch {
    // Not there yet.
  }
  const secret = randomBytes(length).toString('base64');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
