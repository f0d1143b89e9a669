import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyEntry } from './api-key-entry.js';
import type { Caller } from './caller.js';
import { hashApiKey } from './hash-api-key.js';
import { grants, isScope, type Scope } from './scopes.js';
import { HttpProblem, ProblemType } from '../http-problem.js';

/** What a route needs when its schema declares no `security`. */
export type AuthFallback = Scope | 'public';

// Longer than any key we issue by far; longer tokens are refused without hashing them.
const maxTokenLength = 1024;
// GitHub Actions tokens are ~1 KB; a token of several KB is refused before it is parsed.
const maxJwtLength = 8192;

/** The scope a route's schema asks for: `null` for "any valid key", `undefined` when it declares none. */
function declaredScope(request: FastifyRequest): Scope | null | undefined {
  const security = (request.routeOptions.schema as { security?: unknown } | undefined)?.security;
  if (!Array.isArray(security)) return undefined;
  const bearer = (security[0] as { bearerAuth?: unknown } | undefined)?.bearerAuth;
  if (!Array.isArray(bearer)) return undefined;
  const first: unknown = bearer[0];
  return typeof first === 'string' && isScope(first) ? first : null;
}

function unauthenticated(reply: FastifyReply, title: string, detail: string): HttpProblem {
  reply.header('www-authenticate', 'Bearer realm="reviewflow"');
  return new HttpProblem(401, ProblemType.unauthorized, title, detail);
}

/**
 * An `onRequest` hook that authenticates `Authorization: Bearer <key>` against the configured keys,
 * or a JWT against the OIDC verifier when one is configured, and checks the scope the route declares in its OpenAPI `security` (`requiresScope`); a route that
 * declares none needs `fallback`. No credential or an unknown one is a 401, a known key without the
 * scope a 403. Keys are compared as SHA-256 digests in constant time over every entry, so neither
 * timing nor the position of a match leaks; logs name the key, never show it.
 */
export function apiKeyAuth(
  entries: readonly ApiKeyEntry[],
  fallback: AuthFallback = 'admin',
  oidc?: (token: string) => Promise<Caller | undefined>,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const digests = entries.map((e) => Buffer.from(e.sha256, 'hex'));
  const apiKeyCaller = (token: string): Caller | undefined => {
    const presented = Buffer.from(hashApiKey(token), 'hex');
    let found = -1;
    digests.forEach((d, i) => {
      if (timingSafeEqual(d, presented) && found < 0) found = i;
    });
    const entry = entries[found];
    return entry ? { name: entry.name, scopes: entry.scopes } : undefined;
  };
  return async (request, reply) => {
    const declared = declaredScope(request);
    const needed = declared === undefined ? fallback : declared;
    if (needed === 'public') return;

    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer[ \t]+([!-~]+)[ \t]*$/i.exec(header) : null;
    const token = match?.[1];
    if (!token) throw unauthenticated(reply, 'Authentication required', 'Send Authorization: Bearer <API key>');
    // Our keys never contain dots; a JWT is three base64url parts whose header starts `{"` (eyJ).
    const jwt = oidc !== undefined && token.startsWith('eyJ') && token.split('.').length === 3;
    if (token.length > (jwt ? maxJwtLength : maxTokenLength)) {
      throw unauthenticated(reply, 'Invalid credentials', 'The bearer token is not valid');
    }
    const caller = jwt ? await oidc(token) : apiKeyCaller(token);
    if (!caller) throw unauthenticated(reply, 'Invalid credentials', 'The bearer token is not valid');

    request.caller = caller;
    request.log = request.log.child({ caller: caller.name });
    // Fastify logs "request completed" through the reply's logger.
    reply.log = request.log;
    if (needed !== null && !grants(caller.scopes, needed)) {
      throw new HttpProblem(
        403,
        ProblemType.forbidden,
        'Missing scope',
        `This operation needs the scope ${needed}; ${caller.name} has ${caller.scopes.join(', ') || 'none'}`,
        { requiredScope: needed },
      );
    }
  };
}
