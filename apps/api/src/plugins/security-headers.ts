import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * The content security policy of HTML pages that bring none of their own: Swagger UI at /docs,
 * whose page loads only its own scripts and styles from /docs/static and the document from
 * /docs/json. Styles may be inline because Swagger UI writes style attributes; scripts may not.
 * No page of ours may be framed (clickjacking) or post anywhere else.
 */
export const htmlContentSecurityPolicyDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

/** {@link htmlContentSecurityPolicyDirectives} as a `Content-Security-Policy` header value. */
export const htmlContentSecurityPolicy = Object.entries(htmlContentSecurityPolicyDirectives)
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

/**
 * Security headers on every response (@fastify/helmet), set before any route runs; a route that
 * sets one of its own wins (the approval and review pages send stricter policies). `nosniff` keeps
 * browsers from running a JSON or text answer as a script; `no-referrer` keeps a URL that carries a
 * credential (approval links) out of other sites' logs; `DENY` forbids framing. Every answer gets
 * {@link htmlContentSecurityPolicy}: it is what protects Swagger UI, and browsers ignore it on
 * answers that are not documents (JSON, the event stream, the codec's payloads).
 */
export const securityHeaders = fp(
  async (app) => {
    await app.register(helmet, {
      // Exactly our directives: helmet's defaults add `upgrade-insecure-requests`, which would make
      // Swagger UI on a plain-HTTP gateway fetch its own scripts over HTTPS and fail.
      contentSecurityPolicy: { useDefaults: false, directives: htmlContentSecurityPolicyDirectives },
      referrerPolicy: { policy: 'no-referrer' },
      xFrameOptions: { action: 'deny' },
      // Whether the gateway is reached over HTTPS is the ingress's business, and so is HSTS: sent
      // from here with helmet's `includeSubDomains` for a year, it would force HTTPS on every other
      // host under the API's domain, which this service cannot know about.
      strictTransportSecurity: false,
      // Kept from helmet's defaults: Cross-Origin-Resource-Policy same-origin only guards no-cors
      // loads (an <img> or <script> of another site); the Temporal Web UI's credentialed calls to
      // the codec endpoint are CORS requests, which it does not apply to. Cross-Origin-Opener-Policy
      // same-origin only cuts `window.opener` between our pages and other sites' windows; none of
      // our pages uses it. Cross-Origin-Embedder-Policy stays off (helmet's default): it is for
      // pages that need cross-origin isolation, which ours do not. Origin-Agent-Cluster,
      // X-DNS-Prefetch-Control, X-Download-Options, X-Permitted-Cross-Domain-Policies,
      // `X-XSS-Protection: 0` and dropping X-Powered-By change nothing a client relies on.
    });
  },
  { name: 'reviewflow-security-headers', fastify: '5.x' },
);
