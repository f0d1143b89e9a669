import { hashApiKey } from './hash-api-key.js';
import { isScope, scopes, type Scope } from './scopes.js';

/** One accepted API key: who it is (logged), its digest (compared), what it may do. */
export interface ApiKeyEntry {
  name: string;
  /** SHA-256 of the key, lower-case hex. */
  sha256: string;
  scopes: Scope[];
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const digestPattern = /^[0-9a-f]{64}$/;

/**
 * Parses `REVIEWFLOW_API_KEYS`: comma-separated entries, each either
 *
 * - `name:sha256hex:scope+scope` — a hashed key with a name (what logs show) and its scopes, or
 * - a bare key with no `:` — the dev launcher's form (`npm start`), named `plain-<n>` and holding
 *   every scope, hashed here at once so the key itself is kept nowhere.
 *
 * Any malformed entry throws with its position (never its content, which may be a key), so a bad
 * deployment fails at boot instead of locking callers out.
 */
export function parseApiKeyEntries(text: string): ApiKeyEntry[] {
  const entries: ApiKeyEntry[] = [];
  const raw = text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  raw.forEach((entry, i) => {
    const where = `REVIEWFLOW_API_KEYS entry ${i + 1}`;
    if (!entry.includes(':')) {
      entries.push({ name: `plain-${i + 1}`, sha256: hashApiKey(entry), scopes: ['admin'] });
      return;
    }
    // Scopes hold colons themselves (`reviews:read`), so only the first two colons separate fields.
    const first = entry.indexOf(':');
    const second = entry.indexOf(':', first + 1);
    if (second < 0) throw new Error(`${where}: expected name:sha256hex:scope+scope`);
    const name = entry.slice(0, first);
    const sha256 = entry.slice(first + 1, second);
    const scopeList = entry.slice(second + 1);
    if (!namePattern.test(name)) throw new Error(`${where}: name must match ${namePattern.source}`);
    if (!digestPattern.test(sha256)) throw new Error(`${where} (${name}): the digest must be 64 lower-case hex digits`);
    const held = scopeList.split('+').filter(Boolean);
    const unknown = held.filter((s) => !isScope(s));
    if (held.length === 0 || unknown.length > 0) {
      throw new Error(`${where} (${name}): scopes must be one or more of ${scopes.join(', ')} joined by +`);
    }
    entries.push({ name, sha256, scopes: held.filter(isScope) });
  });
  const names = entries.map((e) => e.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`REVIEWFLOW_API_KEYS: the name ${duplicate} is used twice`);
  if (entries.length === 0) throw new Error('REVIEWFLOW_API_KEYS: at least one key must be configured');
  return entries;
}
