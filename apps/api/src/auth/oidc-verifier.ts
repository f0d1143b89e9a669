import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import type { Caller } from './caller.js';
import type { Scope } from './scopes.js';

/** Which OIDC tokens the API accepts (GitHub Actions: issuer `https://token.actions.githubusercontent.com`). */
export interface OidcSettings {
  issuer: string;
  audience: string;
  /** The issuer's signing keys, from configuration (no fetching at request time). */
  jwks: JSONWebKeySet;
  /** What a valid token may do; always bound to the token's `repository` claim. */
  scopes: Scope[];
}

// GitHub signs with RS256; pinning the algorithms refuses `none` and HMAC-with-a-public-key tricks.
const algorithms = ['RS256', 'ES256'];
const repositoryPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9_.-]+$/;

/**
 * A verifier of OIDC bearer tokens: signature against the configured keys, issuer, audience,
 * expiry (30 s of clock skew), and a well-formed `repository` claim. It resolves to the caller,
 * bound to that repository, or `undefined` for any token it does not accept: callers answer 401
 * without saying why, so the verifier's errors are never echoed.
 */
export function createOidcVerifier(settings: OidcSettings): (token: string) => Promise<Caller | undefined> {
  const keys = createLocalJWKSet(settings.jwks);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms,
        clockTolerance: 30,
        requiredClaims: ['exp', 'repository'],
      });
      const repository = payload.repository;
      if (typeof repository !== 'string' || !repositoryPattern.test(repository)) return undefined;
      const workflow = typeof payload.workflow_ref === 'string' ? payload.workflow_ref.slice(0, 200) : undefined;
      return {
        name: `oidc:${repository}${workflow ? ` (${workflow})` : ''}`,
        scopes: settings.scopes,
        repository: repository.toLowerCase(),
      };
    } catch {
      return undefined;
    }
  };
}
