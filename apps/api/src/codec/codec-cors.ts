import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, ProblemType } from '../http-problem.js';

// Exactly what the Temporal Web UI sends (ui src/lib/services/data-encoder.ts): JSON bodies, the
// namespace and, with codec.passAccessToken, the user's access token plus the ID token as
// Authorization-Extras. A header missing here fails the preflight, and the UI then shows ciphertext.
const allowedHeaders = 'content-type,x-namespace,authorization,authorization-extras';

/**
 * An `onRequest` hook giving the codec routes the CORS the Temporal Web UI needs, and only them:
 * the UI runs in the browser on its own origin and calls the codec from there. Only configured
 * origins are echoed (never `*`, which browsers refuse with credentials anyway); a preflight from
 * any other origin is a 403 problem without CORS headers, so the browser blocks the call.
 */
export function codecCors(
  origins: readonly string[],
): (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | void> {
  const allowed = new Set(origins);
  return async (request, reply) => {
    const origin = request.headers.origin;
    // Responses differ by Origin: caches must not hand one origin's answer to another.
    reply.header('vary', 'Origin');
    const known = typeof origin === 'string' && allowed.has(origin);
    if (known) {
      reply.header('access-control-allow-origin', origin);
      reply.header('access-control-allow-credentials', 'true');
    }
    if (request.method !== 'OPTIONS') return;
    if (!known) {
      throw new HttpProblem(
        403,
        ProblemType.forbidden,
        'Origin not allowed',
        'This origin may not call the codec endpoint (REVIEWFLOW_CODEC_CORS_ORIGINS)',
      );
    }
    return reply
      .code(204)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', allowedHeaders)
      .header('access-control-max-age', '600')
      .send();
  };
}
