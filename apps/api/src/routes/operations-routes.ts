import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import type { Registry } from 'prom-client';
import { Type } from 'typebox';
import { HttpProblem, ProblemType } from '../http-problem.js';
import { ProblemRef } from '../schemas/problem-schema.js';

/** What the operations routes need. */
export interface OperationsRoutesOptions {
  temporal: Client;
  registry: Registry;
  readinessTimeoutMs: number;
}

/** Liveness, readiness and Prometheus metrics. None of them needs an API key. */
export const operationsRoutes: FastifyPluginAsyncTypebox<OperationsRoutesOptions> = async (app, options) => {
  app.get(
    '/healthz',
    {
      schema: {
        operationId: 'healthz',
        tags: ['operations'],
        summary: 'Liveness: the process serves HTTP (never depends on Temporal)',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        operationId: 'readyz',
        tags: ['operations'],
        summary: 'Readiness: Temporal answers',
        response: { 200: Type.Object({ status: Type.Literal('ready'), temporal: Type.String() }), 503: ProblemRef },
      },
    },
    async () => {
      try {
        const info = await options.temporal.withAbortSignal(AbortSignal.timeout(options.readinessTimeoutMs), () =>
          options.temporal.workflowService.getSystemInfo({}),
        );
        return { status: 'ready' as const, temporal: info.serverVersion || 'unknown' };
      } catch {
        throw new HttpProblem(503, ProblemType.temporalUnavailable, 'Not ready', 'Temporal does not answer');
      }
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        operationId: 'metrics',
        tags: ['operations'],
        summary: 'Prometheus metrics',
        produces: ['text/plain'],
        response: { 200: Type.String({ description: 'Prometheus text exposition format' }) },
      },
    },
    async (_request, reply) => reply.type(options.registry.contentType).send(await options.registry.metrics()),
  );
};
