import { createHash } from 'node:crypto';

/**
 * The SHA-256 digest of an API key, lower-case hex: what configuration stores instead of the key.
 * Keys are random and long (see scripts/hash-api-key.ts), so a plain fast hash suffices; a slow
 * password hash would only make every request slower.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
