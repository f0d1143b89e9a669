import type { FastifyInstance } from 'fastify';

/**
 * The content security policy of HTML pages that bring none of their own: Swagger UI at /docs,
 * whose page loads only its own scripts and styles from /docs/static and the document from
 * /docs/json. Styles may be inline because Swagger UI writes style attributes; scripts may not.
 * No page of ours may be framed (clickjacking) or post anywhere else.
 */
export const htmlContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Security headers on every response, set only where a route did not set its own (the approval
 * page sets stricter ones). `nosniff` keeps browsers from running a JSON or text answer as a script;
 * `no-referrer` keeps a URL that carries a credential (approval links) out of other sites' logs;
 * `DENY` forbids framing. HTML answers also get {@link htmlContentSecurityPolicy}.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html') && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', htmlContentSecurityPolicy);
    }
    return payload;
  });
}
