import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ProblemType } from '../http-problem.js';

const answers: Record<string, { status: number; type: ProblemType; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    type: ProblemType.requestTimeout,
    detail: 'The request was not received in time',
  },
  HPE_HEADER_OVERFLOW: { status: 431, type: ProblemType.validation, detail: 'The request headers are too large' },
};

/**
 * Fastify's `clientErrorHandler`: requests that never became requests (malformed HTTP, headers too
 * large, a body still arriving at the request timeout, which is how slow-loris clients end) get
 * a problem document on the raw socket, like every other client error, instead of Fastify's
 * plain JSON. Nothing of the request is echoed: it may not even be text.
 */
export function clientErrorProblem(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const known = answers[err.code ?? ''];
  const status = known?.status ?? 400;
  const body = JSON.stringify({
    type: known?.type ?? ProblemType.validation,
    title: STATUS_CODES[status] ?? 'Bad Request',
    status,
    detail: known?.detail ?? 'The request is not valid HTTP',
  });
  this.log.debug({ err }, 'client error');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
