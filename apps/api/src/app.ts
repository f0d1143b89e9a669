import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { GitSource } from '@reviewflow/workflows';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { apiKeyAuth } from './plugins/api-key-auth.js';
import { registerOpenReviewsGauge } from './metrics/open-reviews-gauge.js';
import type { TemporalCallMetrics } from './metrics/temporal-call-metrics.js';
import { registerHttpMetrics } from './plugins/http-metrics.js';
import { registerOpenApiDocs } from './plugins/openapi-docs.js';
import { registerProblemHandler } from './plugins/problem-handler.js';
import { registerReviewLogContext } from './plugins/review-log-context.js';
import { operationsRoutes } from './routes/operations-routes.js';
import { orgReviewsRoutes } from './routes/org-reviews-routes.js';
import { reviewsRoutes } from './routes/reviews-routes.js';
import { ProblemSchema } from './schemas/problem-schema.js';
import { ReviewSchema } from './schemas/review-schemas.js';
import { resolveGitSource, type GitSourceRequest } from './sources/resolve-git-source.js';

/** Settings of the app, already validated (see config.ts). */
export interface AppConfig {
  namespace: string;
  /** Bearer keys accepted on the reviews routes; at least one. */
  apiKeys: readonly string[];
  /** How long GET /reviews/:id waits for a worker to answer the progress query. */
  queryTimeoutMs: number;
  readinessTimeoutMs: number;
}

/** Clients and collaborators of the app. */
export interface AppDeps {
  temporal: Client;
  /** A pino logger, or none for silence (tests). */
  logger?: FastifyBaseLogger;
  resolveGitSource?: (request: GitSourceRequest) => Promise<GitSource>;
  /** Counters fed by the interceptors of `temporal`'s connection (see createTemporalCallMetrics). */
  temporalCallMetrics?: TemporalCallMetrics;
}

/**
 * Builds the HTTP gateway. It never listens and never reads the environment: server.ts owns the
 * process, tests call `inject`.
 */
export async function buildApp(config: AppConfig, deps: AppDeps): Promise<FastifyInstance> {
  if (config.apiKeys.length === 0) throw new Error('at least one API key must be configured');
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    requestIdHeader: 'x-request-id',
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Bodies are validated as sent: unknown fields and wrong types are 400s, never silently repaired.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.addSchema(ProblemSchema);
  app.addSchema(ReviewSchema);
  registerProblemHandler(app);
  registerReviewLogContext(app);
  const metrics = registerHttpMetrics(app);
  deps.temporalCallMetrics?.register(metrics.registry);
  registerOpenReviewsGauge(metrics.registry, {
    temporal: deps.temporal,
    namespace: config.namespace,
    timeoutMs: config.readinessTimeoutMs,
  });
  await registerOpenApiDocs(app);

  await app.register(operationsRoutes, {
    temporal: deps.temporal,
    registry: metrics.registry,
    readinessTimeoutMs: config.readinessTimeoutMs,
  });
  await app.register(async (secured) => {
    secured.addHook('onRequest', apiKeyAuth(config.apiKeys));
    await secured.register(reviewsRoutes, {
      temporal: deps.temporal,
      namespace: config.namespace,
      resolveGitSource: deps.resolveGitSource ?? resolveGitSource,
      queryTimeoutMs: config.queryTimeoutMs,
      metrics,
    });
    await secured.register(orgReviewsRoutes, { temporal: deps.temporal, queryTimeoutMs: config.queryTimeoutMs });
  });
  return app;
}
