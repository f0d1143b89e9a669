import type { JSONWebKeySet } from 'jose';
import type { Caller } from '../auth/caller.js';
import { createJwtVerifier } from '../auth/verify-jwt.js';
import { claimAllows, type AllowedClaim } from './allowed-claim.js';

/** The Temporal Web UI's OIDC provider, whose users' access tokens the codec endpoint accepts. */
export interface CodecOidcSettings {
  issuer: string;
  /** The `aud` of the access tokens the UI's provider issues (an API identifier, not the UI's client id). */
  audience: string;
  /** The provider's signing keys, from configuration (no fetching at request time). */
  jwks: JSONWebKeySet;
  /** Which users may decode (see allowed-claim.ts). */
  allowed: AllowedClaim;
}

// Identity providers sign access tokens with any of these; all asymmetric, so `none` and HMAC are refused.
const algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * A verifier of the access tokens the Temporal Web UI passes to the codec endpoint
 * (`codec.passAccessToken`): a valid JWT (see createJwtVerifier) with a `sub`. An allowed user gets
 * `history:read` and nothing else, so never `/codec/encode` (admin): decrypting is reading, while
 * encrypting forges input the workers trust. A valid token of a user the rule does not allow is a
 * caller without scopes (403, not 401: signing in again would not help). Only the subject is ever
 * named in logs, never the token.
 */
export function createCodecOidcVerifier(settings: CodecOidcSettings): (token: string) => Promise<Caller | undefined> {
  const verify = createJwtVerifier({ ...settings, algorithms, requiredClaims: ['sub'] });
  return async (token) => {
    const claims = await verify(token);
    if (claims === undefined || typeof claims.sub !== 'string' || claims.sub === '') return undefined;
    return {
      name: `web-ui:${claims.sub.slice(0, 200)}`,
      scopes: claimAllows(settings.allowed, claims) ? ['history:read'] : [],
    };
  };
}
