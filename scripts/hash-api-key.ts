/**
 * `npm run hash-api-key -- <name> <scope+scope>`: makes a new API key and prints it once, with the
 * `REVIEWFLOW_API_KEYS` entry that stores only its SHA-256. With `--stdin` it hashes a key read from
 * standard input instead (so it never shows up in shell history or `ps`).
 */
import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { hashApiKey, isScope, parseApiKeyEntries, scopes } from '@reviewflow/api/auth';

const args = process.argv.slice(2);
const fromStdin = args.includes('--stdin');
const [name, scopeList] = args.filter((a) => a !== '--stdin');
if (!name || !scopeList || !scopeList.split('+').every(isScope)) {
  console.error(`usage: npm run hash-api-key -- <name> <scope+scope> [--stdin]\n  scopes: ${scopes.join(', ')}`);
  process.exit(2);
}
// 32 random bytes: far beyond guessing, which is why a fast hash is enough to store it.
const key = fromStdin ? (await text(process.stdin)).trim() : `rf_${randomBytes(32).toString('base64url')}`;
if (key.length < 16 || /[\s,]/.test(key)) {
  console.error('a key must be at least 16 characters, without spaces or commas');
  process.exit(2);
}
const entry = `${name}:${hashApiKey(key)}:${scopeList}`;
parseApiKeyEntries(entry); // Refuses what the API would refuse at boot.
if (!fromStdin) console.log(`key (shown once, give it to the caller): ${key}`);
console.log(`REVIEWFLOW_API_KEYS entry: ${entry}`);
