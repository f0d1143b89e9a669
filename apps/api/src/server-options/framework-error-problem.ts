import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemType } from '../http-problem.js';

/**
 * Fastify's `frameworkErrors` handler: errors it raises before routing (a URL that is not valid
 * UTF-8 once decoded, say) bypass the error handler and would be answered as plain JSON. They are
 * the client's fault, so they become 400 problem documents like every other bad input.
 */
export function frameworkErrorProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body = {
    type: ProblemType.validation,
    title: 'Invalid request',
    status: 400,
    detail: error.message,
    instance: (request.url.split('?')[0] ?? '').slice(0, 200),
    requestId: String(request.id),
  };
  void reply.code(400).type('application/problem+json').send(JSON.stringify(body));
}
