import type { Scope } from './scopes.js';

/** Who made an authenticated request: the key's name (safe to log) and its scopes. */
export interface Caller {
  name: string;
  scopes: readonly Scope[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every route that needs a credential. */
    caller?: Caller;
  }
}
