import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, ProblemType } from '../http-problem.js';
import { isTemporalRefusedInput } from '../temporal/temporal-refused-input.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

function send(reply: FastifyReply, request: FastifyRequest, problem: Problem & Record<string, unknown>): FastifyReply {
  const body = { ...problem, instance: request.url.split('?')[0] ?? request.url, requestId: String(request.id) };
  // Every 503 says when to come back (the document declares Retry-After on each); the plugins that
  // know better (load shedding, the deadline, closing) have set their own already.
  if (problem.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', String(retryAfterSeconds));
  // Serialised by hand: the content type is not application/json, and a problem must never be
  // reshaped by a route's success schema.
  return reply.code(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

const retryAfterSeconds = 5;

const fastifyCodes: Record<string, { type: ProblemType; title: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { type: ProblemType.unsupportedMediaType, title: 'Unsupported media type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { type: ProblemType.payloadTooLarge, title: 'Request body too large' },
};

function isTemporalUnavailable(err: Error): boolean {
  // gRPC UNAVAILABLE (14) or DEADLINE_EXCEEDED (4) from the Temporal client, or a connection error.
  const code = (err as { code?: unknown }).code;
  return err.name === 'ServiceError' || code === 14 || code === 4 || /ECONNREFUSED|UNAVAILABLE/.test(err.message);
}

/**
 * Turns every error into an RFC 9457 `application/problem+json` response. Client errors say what
 * was wrong; server errors are logged with the request id and answered without internals.
 * Registered on the root, so it is the error handler and the not-found handler of every scope.
 */
export const problemHandler = fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof HttpProblem) {
        return send(reply, request, {
          type: err.type,
          title: err.title,
          status: err.status,
          ...(err.detail === undefined ? {} : { detail: err.detail }),
          ...err.extensions,
        });
      }
      if (err.validation) {
        const errors = err.validation.map((v) => ({
          path: `${err.validationContext ?? ''}${v.instancePath ?? ''}`,
          message: v.message ?? 'is invalid',
        }));
        return send(reply, request, {
          type: ProblemType.validation,
          title: 'Invalid request',
          status: 400,
          detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
          errors,
        });
      }
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) {
        const known = fastifyCodes[err.code];
        // Fastify's own errors and JSON syntax errors describe the request; a 4xx-coded error from
        // a dependency (a library's "Bad credentials ...") describes our internals: not echoed.
        const ours = String(err.code ?? '').startsWith('FST_') || err instanceof SyntaxError;
        if (!ours) request.log.warn({ err }, 'client error from a dependency');
        return send(reply, request, {
          type: known?.type ?? ProblemType.validation,
          title: known?.title ?? 'Invalid request',
          status,
          detail: ours ? err.message : (STATUS_CODES[status] ?? 'Invalid request'),
        });
      }
      if (isTemporalRefusedInput(err)) {
        // Temporal refused what the request made the API send: the same request fails every time.
        request.log.warn({ err }, 'temporal refused the request');
        return send(reply, request, {
          type: ProblemType.validation,
          title: 'Invalid request',
          status: 400,
          detail: 'The workflow service refused a value of this request',
        });
      }
      if (isTemporalUnavailable(err)) {
        request.log.error({ err }, 'temporal unavailable');
        return send(reply, request, {
          type: ProblemType.temporalUnavailable,
          title: 'Temporal is unavailable',
          status: 503,
          detail: 'The workflow service did not answer; retry later',
        });
      }
      request.log.error({ err }, 'request failed');
      return send(reply, request, {
        type: ProblemType.internal,
        title: 'Internal error',
        status: 500,
        detail: `Quote request id ${String(request.id)} when reporting this`,
      });
    });

    app.setNotFoundHandler((request, reply) =>
      send(reply, request, {
        type: ProblemType.notFound,
        title: 'Not found',
        status: 404,
        detail: `No route ${request.method} ${request.url.split('?')[0] ?? ''}`,
      }),
    );
  },
  { name: 'reviewflow-problem-handler', fastify: '5.x' },
);
