import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { GitHubSource, GitSource } from '@reviewflow/contract';
import { maxApprovalLinkTokenLength } from '@reviewflow/contract/approval-link-token';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ApprovalLinkSettings } from './approval-links/approval-link-settings.js';
import type { CodecEndpointSettings } from './codec/codec-endpoint-settings.js';
import { createCodecOidcVerifier } from './codec/codec-oidc-verifier.js';
import type { ApiKeyEntry } from './auth/api-key-entry.js';
import { createOidcVerifier, type OidcSettings } from './auth/oidc-verifier.js';
import { parseApiKeyEntries } from './auth/api-key-entry.js';
import { apiKeyAuth } from './auth/api-key-auth.js';
import { repositoryBinding } from './auth/repository-binding.js';
import { countOpenReviews } from './metrics/count-open-reviews.js';
import { createApiMetrics } from './metrics/create-api-metrics.js';
import type { TemporalCallMetrics } from './metrics/temporal-call-metrics.js';
import { closingProblem } from './plugins/closing-problem.js';
import { hardeningResponses } from './plugins/hardening-responses.js';
import { httpMetrics } from './plugins/http-metrics.js';
import { loadShedding, type LoadSheddingSettings } from './plugins/load-shedding.js';
import { openApiDocs } from './plugins/openapi-docs.js';
import { problemHandler } from './plugins/problem-handler.js';
import { rateLimit, type RateLimitSettings } from './plugins/rate-limit.js';
import { requestDeadline } from './plugins/request-deadline.js';
import { reviewLogContext } from './plugins/review-log-context.js';
import { securityHeaders } from './plugins/security-headers.js';
import { clientErrorProblem } from './server-options/client-error-problem.js';
import { frameworkErrorProblem } from './server-options/framework-error-problem.js';
import { approvalLinksRoutes } from './routes/approval-links-routes.js';
import { codecRoutes } from './routes/codec-routes.js';
import { operationsRoutes } from './routes/operations-routes.js';
import { orgReviewsRoutes } from './routes/org-reviews-routes.js';
import { pageAssetsRoutes } from './routes/page-assets-routes.js';
import { reviewEventsRoutes } from './routes/review-events-routes.js';
import { reviewPageRoutes } from './routes/review-page-routes.js';
import { reviewsRoutes } from './routes/reviews-routes.js';
import { githubWebhookRoutes } from './routes/github-webhook-routes.js';
import { createGitHubSourceResolver, type GitHubSourceRequest } from './sources/resolve-github-source.js';
import { ProblemSchema } from './schemas/problem-schema.js';
import { ReviewSchema } from './schemas/review-schemas.js';
import { createGitRevisionResolver } from './sources/git-revision-resolver.js';
import { createGitSourceResolver, type GitSourceRequest } from './sources/resolve-git-source.js';
import { validatorCompiler } from './validation/validator-compiler.js';

// For routes that set no limit of their own (see the bodyLimit of each POST route).
const defaultBodyLimit = 1024 * 1024;

/** Settings of the app, already validated (see config.ts). */
export interface AppConfig {
  namespace: string;
  /** Bearer keys accepted; at least one. A bare string is a dev key holding every scope. */
  apiKeys: readonly (string | ApiKeyEntry)[];
  /** Whether /healthz and /readyz, and /metrics, need an API key; default: neither. */
  operationsAuth?: { health: boolean; metrics: boolean };
  /** Signed approval links; without them no link is listed or accepted. */
  approvalLinks?: ApprovalLinkSettings;
  /** The remote codec endpoint for the Temporal Web UI; only with payload encryption. */
  codecEndpoint?: CodecEndpointSettings;
  /** OIDC bearer tokens from CI (GitHub Actions), bound to their repository; none: API keys only. */
  oidc?: OidcSettings;
  /** How long GET /reviews/:id waits for a worker to answer the progress query. */
  queryTimeoutMs: number;
  readinessTimeoutMs: number;
  /** `POST /webhooks/github` is served only when a webhook secret is configured. */
  githubWebhook?: { secret: string; reviewDrafts: boolean };
  /** Deadline of each request (see plugins/request-deadline.ts); none: no deadline. */
  requestTimeoutMs?: number;
  /** Per-caller rate limit (see plugins/rate-limit.ts); none: unlimited. */
  rateLimit?: RateLimitSettings;
  /** 503 while the process is overloaded (see plugins/load-shedding.ts); none: never shed. */
  loadShedding?: LoadSheddingSettings;
  /**
   * Addresses or CIDRs (comma-separated) of reverse proxies trusted to name the client in
   * X-Forwarded-For; none: the peer address is the client, and a forwarded header is ignored.
   */
  trustedProxies?: string;
  /** Base URL of the Temporal Web UI; the review page links each review's workflow there. */
  temporalUiUrl?: string;
}

/** Clients and collaborators of the app. */
export interface AppDeps {
  temporal: Client;
  /** A pino logger, or none for silence (tests). */
  logger?: FastifyBaseLogger;
  resolveGitSource?: (request: GitSourceRequest) => Promise<GitSource>;
  /** Default: asks github.com without a token. */
  resolveGitHubSource?: (request: GitHubSourceRequest) => Promise<GitHubSource>;
  /**
   * The interceptors of `temporal`'s connection and the metrics they count into, which the app
   * serves (see createTemporalCallMetrics); none: metrics of its own, Temporal calls not counted.
   */
  temporalCallMetrics?: TemporalCallMetrics;
}

/**
 * Builds the HTTP gateway. It never listens and never reads the environment: server.ts owns the
 * process, tests call `inject`.
 */
export async function buildApp(config: AppConfig, deps: AppDeps): Promise<FastifyInstance> {
  const plainKeys = config.apiKeys.filter((k) => typeof k === 'string');
  const apiKeys = [
    ...(plainKeys.length > 0 ? parseApiKeyEntries(plainKeys.join(',')) : []),
    ...config.apiKeys.filter((k) => typeof k !== 'string'),
  ];
  if (apiKeys.length === 0) throw new Error('at least one API key must be configured');
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    requestIdHeader: 'x-request-id',
    bodyLimit: defaultBodyLimit,
    // Approval-link tokens (~300 characters) travel as a path parameter; Fastify's default is 100.
    routerOptions: { maxParamLength: maxApprovalLinkTokenLength },
    frameworkErrors: frameworkErrorProblem,
    // Its plain-JSON 503 while closing is replaced by a problem answer (plugins/closing-problem.ts).
    return503OnClosing: false,
    clientErrorHandler: clientErrorProblem,
    // Node's own limit on receiving a whole request (slow-loris bodies end here with a 408).
    ...(config.requestTimeoutMs ? { requestTimeout: config.requestTimeoutMs } : {}),
    // Only named proxies: trusting any would let a client pick its own rate-limit bucket.
    ...(config.trustedProxies ? { trustProxy: config.trustedProxies } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Bodies are validated as sent: unknown fields and wrong types are 400s, never silently repaired.
  app.setValidatorCompiler(validatorCompiler);
  app.addSchema(ProblemSchema);
  app.addSchema(ReviewSchema);
  await app.register(problemHandler);
  // Before every route, so each one gets the headers, the shedding, the deadline and the limit.
  await app.register(securityHeaders);
  await app.register(closingProblem);
  await app.register(hardeningResponses, { defaultBodyLimit });
  if (config.loadShedding) await app.register(loadShedding, config.loadShedding);
  if (config.requestTimeoutMs) {
    await app.register(requestDeadline, { timeoutMs: config.requestTimeoutMs, retryAfterSeconds: 5 });
  }
  if (config.rateLimit && config.rateLimit.perMinute > 0) await app.register(rateLimit, config.rateLimit);
  await app.register(reviewLogContext);
  const metrics = deps.temporalCallMetrics?.metrics ?? createApiMetrics();
  // Asked when Prometheus scrapes: only Temporal knows the open reviews across worker restarts.
  metrics.countOpenReviewsWith(() =>
    countOpenReviews({ temporal: deps.temporal, namespace: config.namespace, timeoutMs: config.readinessTimeoutMs }),
  );
  await app.register(httpMetrics, { metrics });
  await app.register(openApiDocs);

  await app.register(async (operations) => {
    // Probes and scrapers often cannot send credentials: these routes are open unless configured.
    operations.addHook('onRequest', apiKeyAuth(apiKeys, 'public'));
    await operations.register(operationsRoutes, {
      temporal: deps.temporal,
      registry: metrics.registry,
      readinessTimeoutMs: config.readinessTimeoutMs,
      healthAuth: config.operationsAuth?.health ?? false,
      metricsAuth: config.operationsAuth?.metrics ?? false,
    });
  });
  if (config.githubWebhook) {
    // Outside the API-key scope: GitHub authenticates each delivery by its signature.
    await app.register(githubWebhookRoutes, { temporal: deps.temporal, ...config.githubWebhook, metrics });
  }
  if (config.codecEndpoint) {
    // Its own scope: CORS for the Web UI's origin must answer before authentication does.
    await app.register(codecRoutes, {
      settings: config.codecEndpoint,
      namespace: config.namespace,
      // Web UI users' access tokens here only: a CI token is refused, and theirs are refused elsewhere.
      authenticate: apiKeyAuth(
        apiKeys,
        config.codecEndpoint.auth === 'none' ? 'public' : 'admin',
        config.codecEndpoint.oidc && createCodecOidcVerifier(config.codecEndpoint.oidc),
      ),
    });
  }
  // Outside the API-key scope: the pages' stylesheet and script hold nothing of any review.
  await app.register(pageAssetsRoutes);
  // Outside the API-key scope: the signed link is the credential.
  await app.register(approvalLinksRoutes, {
    temporal: deps.temporal,
    queryTimeoutMs: config.queryTimeoutMs,
    ...(config.approvalLinks ? { settings: config.approvalLinks } : {}),
    metrics,
  });
  // One long-running git per repository answers every revision lookup (see createGitRevisionResolver).
  const gitRevisions = createGitRevisionResolver();
  app.addHook('onClose', async () => gitRevisions.close());
  const gitSources = createGitSourceResolver(gitRevisions);
  await app.register(async (secured) => {
    // Each route names its scope in its schema's `security`; one that forgets needs admin.
    secured.addHook('onRequest', apiKeyAuth(apiKeys, 'admin', config.oidc && createOidcVerifier(config.oidc)));
    // OIDC callers are bound to their token's repository.
    secured.addHook('preHandler', repositoryBinding(deps.temporal));
    await secured.register(reviewsRoutes, {
      temporal: deps.temporal,
      namespace: config.namespace,
      resolveGitSource: deps.resolveGitSource ?? gitSources,
      resolveGitHubSource:
        deps.resolveGitHubSource ?? createGitHubSourceResolver({ baseUrl: 'https://api.github.com' }),
      queryTimeoutMs: config.queryTimeoutMs,
      metrics,
      ...(config.approvalLinks ? { approvalLinks: config.approvalLinks } : {}),
    });
    await secured.register(orgReviewsRoutes, { temporal: deps.temporal, queryTimeoutMs: config.queryTimeoutMs });
    await secured.register(reviewPageRoutes, {
      temporal: deps.temporal,
      namespace: config.namespace,
      queryTimeoutMs: config.queryTimeoutMs,
      ...(config.temporalUiUrl ? { temporalUiUrl: config.temporalUiUrl } : {}),
    });
    await secured.register(reviewEventsRoutes, {
      temporal: deps.temporal,
      queryTimeoutMs: config.queryTimeoutMs,
      metrics,
    });
  });
  return app;
}
