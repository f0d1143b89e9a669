import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseApiKeyEntries } from '../../src/auth/api-key-entry.js';
import { hashApiKey } from '../../src/auth/hash-api-key.js';

const digest = hashApiKey('a-secret-key');

describe('parseApiKeyEntries', () => {
  it('reads hashed entries with names and scopes, and bare dev keys with every scope', () => {
    const entries = parseApiKeyEntries(` ci:${digest}:reviews:write+reviews:read , devkey ,`);
    // `reviews:write` holds a colon, so the entry is split on the first two colons only.
    assert.deepEqual(entries, [
      { name: 'ci', sha256: digest, scopes: ['reviews:write', 'reviews:read'] },
      { name: 'plain-2', sha256: hashApiKey('devkey'), scopes: ['admin'] },
    ]);
  });

  it('refuses malformed entries at boot without echoing them', () => {
    const bad = [
      `ci:${digest.slice(1)}:admin`,
      `ci:${digest.toUpperCase()}:admin`,
      `ci:${digest}:`,
      `ci:${digest}:reviews:delete`,
      `ci:${digest}:admin+root`,
      `bad name:${digest}:admin`,
      `:${digest}:admin`,
      `ci:${digest}:admin,ci:${digest}:admin`,
      ' , ',
    ];
    for (const text of bad) {
      assert.throws(
        () => parseApiKeyEntries(text),
        (err: Error) => !err.message.includes(digest),
        text,
      );
    }
  });
});
