import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import type { Registry } from 'prom-client';
import { Type } from 'typebox';
import { HttpProblem, ProblemType } from '../http-problem.js';
import { requiresScope } from '../auth/requires-scope.js';
import { ProblemRef } from '../schemas/problem-schema.js';

/** What the operations routes need. */
export interface OperationsRoutesOptions {
  temporal: Client;
  registry: Registry;
  readinessTimeoutMs: number;
  /** /healthz and /readyz need any valid API key. */
  healthAuth: boolean;
  /** /metrics needs an API key with metrics:read. */
  metricsAuth: boolean;
}

/**
 * Liveness, readiness and Prometheus metrics. They need an API key only when configured so
 * (kubelet probes and many scrapers send none); the `security` declared here is what the
 * authentication hook enforces.
 */
export const operationsRoutes: FastifyPluginAsyncTypebox<OperationsRoutesOptions> = async (app, options) => {
  const health = options.healthAuth ? { security: [{ bearerAuth: [] }] } : {};
  const healthProblems = options.healthAuth ? { 401: ProblemRef } : {};
  const metricsAuth = options.metricsAuth ? { security: requiresScope('metrics:read') } : {};
  const metricsProblems = options.metricsAuth ? { 401: ProblemRef, 403: ProblemRef } : {};
  app.get(
    '/healthz',
    {
      schema: {
        operationId: 'healthz',
        tags: ['operations'],
        summary: 'Liveness: the process serves HTTP (never depends on Temporal)',
        ...health,
        response: { 200: Type.Object({ status: Type.Literal('ok') }), ...healthProblems },
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
        ...health,
        response: {
          200: Type.Object({ status: Type.Literal('ready'), temporal: Type.String() }),
          503: ProblemRef,
          ...healthProblems,
        },
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
        ...metricsAuth,
        response: { 200: Type.String({ description: 'Prometheus text exposition format' }), ...metricsProblems },
      },
    },
    async (_request, reply) => reply.type(options.registry.contentType).send(await options.registry.metrics()),
  );
};
