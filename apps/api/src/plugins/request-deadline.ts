import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, ProblemType } from '../http-problem.js';

/** How long a request may take before it is answered with a 503; see {@link requestDeadline}. */
export interface RequestDeadlineSettings {
  timeoutMs: number;
  /** What the 503 tells clients to wait, in seconds. */
  retryAfterSeconds: number;
}

const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();

const clear = async (request: FastifyRequest): Promise<void> => {
  clearTimeout(timers.get(request));
  timers.delete(request);
};

/**
 * A deadline for every request, from its first byte to its answer. The Temporal client has no
 * deadline of its own on most calls, so a Temporal that accepts connections but never answers
 * would otherwise hold requests (and their sockets) forever. When the deadline passes before any
 * response has started, the client gets a 503 problem with `Retry-After`: 503 rather than 504
 * because every route is safe to retry (starts are idempotent by review id or Idempotency-Key,
 * decisions by update id), and clients already retry 503 after `Retry-After`. The handler keeps
 * running until its own call returns; whatever it answers then is dropped (Fastify logs it).
 * A stream that has started (GET /reviews/:id/events) is never cut.
 */
export const requestDeadline = fp<RequestDeadlineSettings>(
  async (app, settings) => {
    const expire = (request: FastifyRequest, reply: FastifyReply): void => {
      timers.delete(request);
      if (reply.sent || reply.raw.headersSent || request.raw.destroyed) return;
      request.log.error({ timeoutMs: settings.timeoutMs }, 'request deadline exceeded');
      void reply
        .header('retry-after', String(settings.retryAfterSeconds))
        .send(
          new HttpProblem(
            503,
            ProblemType.deadlineExceeded,
            'Deadline exceeded',
            `No answer within ${settings.timeoutMs} ms (the workflow service may be slow); retry later`,
          ),
        );
    };
    app.addHook('onRequest', async (request, reply) => {
      const timer = setTimeout(expire, settings.timeoutMs, request, reply);
      // The deadline must never keep a closing process alive.
      timer.unref();
      timers.set(request, timer);
    });
    app.addHook('onResponse', clear);
    app.addHook('onRequestAbort', clear);
  },
  { name: 'reviewflow-request-deadline', fastify: '5.x' },
);
