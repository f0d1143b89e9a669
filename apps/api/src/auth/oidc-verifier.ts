import type { JSONWebKeySet } from 'jose';
import type { Caller } from './caller.js';
import type { Scope } from './scopes.js';
import { createJwtVerifier } from './verify-jwt.js';

/** Which OIDC tokens the API accepts (GitHub Actions: issuer `https://token.actions.githubusercontent.com`). */
export interface OidcSettings {
  issuer: string;
  audience: string;
  /** The issuer's signing keys, from configuration (no fetching at request time). */
  jwks: JSONWebKeySet;
  /** What a valid token may do; always bound to the token's `repository` claim. */
  scopes: Scope[];
}

// GitHub signs with RS256.
const algorithms = ['RS256', 'ES256'];
const repositoryPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9_.-]+$/;

/**
 * A verifier of CI OIDC bearer tokens: a valid JWT (see createJwtVerifier) with a well-formed
 * `repository` claim. It resolves to the caller, bound to that repository, or `undefined` for any
 * token it does not accept (a 401 that does not say why).
 */
export function createOidcVerifier(settings: OidcSettings): (token: string) => Promise<Caller | undefined> {
  const verify = createJwtVerifier({ ...settings, algorithms, requiredClaims: ['repository'] });
  return async (token) => {
    const payload = await verify(token);
    const repository = payload?.repository;
    if (typeof repository !== 'string' || !repositoryPattern.test(repository)) return undefined;
    const workflow = typeof payload?.workflow_ref === 'string' ? payload.workflow_ref.slice(0, 200) : undefined;
    return {
      name: `oidc:${repository}${workflow ? ` (${workflow})` : ''}`,
      scopes: settings.scopes,
      repository: repository.toLowerCase(),
    };
  };
}
