import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpProblem, ProblemType } from '../http-problem.js';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * An `onRequest` hook that admits requests carrying `Authorization: Bearer <key>` with one of the
 * configured keys. Keys are compared as SHA-256 digests in constant time, so neither their length
 * nor their content leaks through timing.
 */
export function apiKeyAuth(keys: readonly string[]): (request: FastifyRequest) => Promise<void> {
  const digests = keys.map(digest);
  return async (request) => {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      throw new HttpProblem(
        401,
        ProblemType.unauthorized,
        'Authentication required',
        'Send Authorization: Bearer <API key>',
      );
    }
    const presented = digest(match[1]);
    let ok = false;
    for (const d of digests) ok = timingSafeEqual(d, presented) || ok;
    if (!ok) throw new HttpProblem(401, ProblemType.unauthorized, 'Invalid API key', 'The API key is not valid');
  };
}
