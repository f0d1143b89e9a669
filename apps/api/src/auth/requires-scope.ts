import type { Scope } from './scopes.js';

/**
 * A route's OpenAPI `security` requirement for one scope. The authentication hook reads the scope
 * back from the route's schema, so the published contract and the enforced one cannot drift.
 */
export function requiresScope(scope: Scope): { bearerAuth: Scope[] }[] {
  return [{ bearerAuth: [scope] }];
}
