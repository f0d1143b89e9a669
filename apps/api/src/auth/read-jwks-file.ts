import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';

/** The JWKS (`{"keys": [...]}`) in a file, read at boot; throws naming `variable` when it holds none. */
export function readJwksFile(path: string, variable: string): JSONWebKeySet {
  let jwks: { keys?: unknown };
  try {
    jwks = JSON.parse(readFileSync(path, 'utf8')) as { keys?: unknown };
  } catch (error) {
    throw new Error(`${variable}: cannot read a JWKS from ${path}`, { cause: error });
  }
  if (!Array.isArray(jwks?.keys)) throw new Error(`${variable} holds no JWKS ({"keys": [...]})`);
  return jwks as JSONWebKeySet;
}
