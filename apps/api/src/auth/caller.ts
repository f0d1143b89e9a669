import type { Scope } from './scopes.js';

/** Who made an authenticated request: its name (safe to log), its scopes, maybe a bound repository. */
export interface Caller {
  name: string;
  scopes: readonly Scope[];
  /**
   * `owner/repo` (lower case) for an OIDC token from CI: such a caller may only start and read
   * reviews of that repository (see repository-binding.ts).
   */
  repository?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every route that needs a credential. */
    caller?: Caller;
  }
}
