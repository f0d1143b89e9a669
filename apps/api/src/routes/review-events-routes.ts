import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import { Type } from 'typebox';
import { HttpProblem } from '../http-problem.js';
import { loadReview } from '../reviews/load-review.js';
import { createProgressHub, type ProgressHub, type ProgressHubMetrics } from '../reviews/progress-hub.js';
import { ProblemRef } from '../schemas/problem-schema.js';
import { ReviewIdParamsSchema, type ReviewView } from '../schemas/review-schemas.js';
import { formatServerSentComment, formatServerSentEvent } from './format-server-sent-event.js';

/** What the review events route needs. */
export interface ReviewEventsRoutesOptions {
  temporal: Client;
  queryTimeoutMs: number;
  /** Where the hub counts its pollers, watchers and polls (the API's metrics). */
  metrics?: ProgressHubMetrics;
  /** Pause between two progress loads of a watched review; default 1 s. */
  pollIntervalMs?: number;
  /**
   * Pause between keep-alive comments; default 15 s, below the 30-60 s idle timeouts common in
   * load balancers and reverse proxies, so a review waiting hours for approval keeps its stream.
   */
  heartbeatMs?: number;
  /** A hub to share (tests); by default the plugin makes its own over `temporal`. */
  hub?: ProgressHub;
}

// Reconnect delay the stream suggests to EventSource clients after a dropped connection.
const retryMs = 3000;

/**
 * `GET /reviews/:id/events`: the progress of one review as server-sent events, until it ends.
 * Every watcher of a review shares one poller in this process (reviews/progress-hub.ts).
 */
export const reviewEventsRoutes: FastifyPluginAsyncTypebox<ReviewEventsRoutesOptions> = async (app, options) => {
  const { temporal, queryTimeoutMs } = options;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const hub =
    options.hub ??
    createProgressHub({
      load: (id) => loadReview(temporal, id, { queryTimeoutMs }),
      intervalMs: options.pollIntervalMs ?? 1000,
      ...(options.metrics ? { metrics: options.metrics } : {}),
    });
  // Open streams would hold app.close() (and a rolling deploy) forever: end them first. Clients
  // reconnect, to another instance if need be, and get the current state at once.
  app.addHook('preClose', async () => hub.close());

  app.get(
    '/reviews/:id/events',
    {
      schema: {
        operationId: 'watchReview',
        tags: ['reviews'],
        summary: 'Follow the progress of a review as server-sent events, until it ends',
        description:
          'A `text/event-stream`. Each `progress` event carries the whole review (as `GET /reviews/:id`) whenever ' +
          'its stage, counts, findings or approval state changed; the first one comes at once. A `problem` event ' +
          '(an RFC 9457 problem as JSON) says progress could not be loaded for a while; the stream goes on. ' +
          'When the review ends, its final state is sent as `progress`, then an `end` event ({id, status}), ' +
          'and the server closes the stream. Comment lines every 15 s keep idle connections open. ' +
          'Every event is a full snapshot, so a reconnecting client needs no Last-Event-ID.',
        security: [{ bearerAuth: ['reviews:read'] }],
        params: ReviewIdParamsSchema,
        response: {
          200: {
            description: 'The event stream',
            content: {
              'text/event-stream': {
                // One server-sent event, as SSE-aware clients and fuzzers parse the stream.
                schema: Type.Object(
                  {
                    event: Type.Optional(Type.Enum(['progress', 'problem', 'end'])),
                    id: Type.Optional(Type.String()),
                    data: Type.Optional(Type.String({ description: 'JSON: a review, a problem or {id, status}' })),
                    retry: Type.Optional(Type.Integer({ description: 'Reconnection delay in ms' })),
                  },
                  { description: 'event: progress|problem|end, data: JSON' },
                ),
              },
            },
          },
          401: ProblemRef,
          403: ProblemRef,
          404: ProblemRef,
          503: ProblemRef,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const stream = new PassThrough();
      let eventId = 0;
      let last: ReviewView | undefined;
      // A slow client gets the newest state once its socket drains, never a backlog of stale ones.
      let pending: ReviewView | undefined;
      // Declared before subscribing: a review that already ended calls onEnd during subscribe().
      let heartbeat: NodeJS.Timeout | undefined;
      const write = (text: string): void => {
        if (!stream.destroyed && !stream.writableEnded) stream.write(text);
      };
      const sendView = (view: ReviewView): void => {
        last = view;
        if (stream.writableNeedDrain) {
          pending = view;
          return;
        }
        write(formatServerSentEvent({ event: 'progress', id: String(++eventId), data: JSON.stringify(view) }));
      };
      stream.on('drain', () => {
        const view = pending;
        pending = undefined;
        if (view) sendView(view);
      });

      write(`retry: ${retryMs}\n\n`);
      // Rejects with the 404 problem for an unknown review: the stream has not started, so the
      // error handler answers with a problem document instead.
      const unsubscribe = await hub.subscribe(id, {
        onView: sendView,
        onProblem: (err, final) => {
          const problem =
            err instanceof HttpProblem
              ? { type: err.type, title: err.title, status: err.status, detail: err.detail }
              : {
                  type: 'https://reviewflow.dev/problems/temporal-unavailable',
                  title: 'Progress unavailable',
                  status: 503,
                  detail: final ? 'The review is gone' : 'Could not load the review; retrying',
                };
          if (!(err instanceof HttpProblem)) request.log.warn({ err }, 'review events: load failed');
          write(formatServerSentEvent({ event: 'problem', data: JSON.stringify(problem) }));
        },
        onEnd: () => {
          clearInterval(heartbeat);
          if (pending) {
            write(formatServerSentEvent({ event: 'progress', id: String(++eventId), data: JSON.stringify(pending) }));
            pending = undefined;
          }
          if (last) write(formatServerSentEvent({ event: 'end', data: JSON.stringify({ id, status: last.status }) }));
          stream.end();
        },
      });
      if (!stream.writableEnded) {
        heartbeat = setInterval(() => write(formatServerSentComment('keep-alive')), heartbeatMs);
        heartbeat.unref();
      }
      // The client went away (or the stream ended): leave the hub, so the last one out stops the poll.
      stream.once('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      // A client that left while we subscribed never gets a piped stream that Fastify would destroy.
      if (reply.raw.closed || request.raw.destroyed) stream.destroy();
      else reply.raw.once('close', () => stream.destroy());
      return (
        reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache, no-transform')
          // nginx buffers responses unless told not to, which would hold every event back.
          .header('x-accel-buffering', 'no')
          .send(stream)
      );
    },
  );
};
