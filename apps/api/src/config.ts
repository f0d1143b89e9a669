import { parseEnvConfig, TemporalConnectionProperties } from '@reviewflow/config';
import { Type, type Static } from 'typebox';
import { parseApiKeyEntries, type ApiKeyEntry } from './auth/api-key-entry.js';
import type { OidcSettings } from './auth/oidc-verifier.js';
import { readJwksFile } from './auth/read-jwks-file.js';
import { isScope } from './auth/scopes.js';
import { allowedClaimPattern } from './codec/allowed-claim.js';

/** Everything the API reads from its environment, validated at boot. */
export const ApiConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', description: 'Listen address; 0.0.0.0 in containers' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535, description: 'HTTP port' }),
  ...TemporalConnectionProperties,
  REVIEWFLOW_API_KEYS: Type.String({
    minLength: 1,
    description:
      'Comma-separated `name:sha256hex:scope+scope` entries (npm run hash-api-key), or bare dev keys with every scope',
  }),
  REVIEWFLOW_HEALTH_AUTH: Type.Enum(['none', 'api-key'], {
    default: 'none',
    description: '/healthz and /readyz: open to probes, or any valid API key',
  }),
  REVIEWFLOW_METRICS_AUTH: Type.Enum(['none', 'api-key'], {
    default: 'none',
    description: '/metrics: open to scrapers, or an API key with metrics:read',
  }),
  REVIEWFLOW_OIDC_AUDIENCE: Type.Optional(
    Type.String({ minLength: 1, description: 'Accept OIDC tokens from CI with this audience; none: API keys only' }),
  ),
  REVIEWFLOW_OIDC_ISSUER: Type.String({
    default: 'https://token.actions.githubusercontent.com',
    description: 'Issuer (iss) of accepted OIDC tokens',
  }),
  REVIEWFLOW_OIDC_JWKS_FILE: Type.Optional(
    Type.String({ minLength: 1, description: "The issuer's signing keys (JWKS JSON), read at boot" }),
  ),
  REVIEWFLOW_OIDC_SCOPES: Type.String({
    default: 'reviews:write+reviews:read',
    pattern: '^[a-z:]+(\\+[a-z:]+)*$',
    description: 'Scopes of an OIDC caller, always bound to its repository claim',
  }),
  REVIEWFLOW_APPROVAL_LINK_SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      description: 'HMAC secret of approval links (the same for worker-cpu); none: approval links are off',
    }),
  ),
  REVIEWFLOW_PUBLIC_URL: Type.Optional(
    Type.String({ pattern: '^https?://', description: 'Base URL of the API as people reach it, for approval links' }),
  ),
  TEMPORAL_UI_URL: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'Base URL of the Temporal Web UI (http://127.0.0.1:8233); the review page links workflows there',
    }),
  ),
  REVIEWFLOW_CODEC_CORS_ORIGINS: Type.String({
    default: '',
    pattern: '^(https?://[^,/\\s]+(,https?://[^,/\\s]+)*)?$',
    description: 'Comma-separated browser origins (the Temporal Web UI) that may call /codec; none: no browser',
  }),
  REVIEWFLOW_CODEC_AUTH: Type.Enum(['api-key', 'none'], {
    default: 'api-key',
    description: '/codec/decode needs history:read (encode: admin), or nothing on a loopback-only API',
  }),
  REVIEWFLOW_CODEC_OIDC_ISSUER: Type.Optional(
    Type.String({
      pattern: '^https?://\\S+$',
      description:
        "Issuer of the Temporal Web UI's OIDC provider; with the other three CODEC_OIDC settings, its users' access tokens may decode",
    }),
  ),
  REVIEWFLOW_CODEC_OIDC_AUDIENCE: Type.Optional(
    Type.String({ minLength: 1, description: 'The aud of those access tokens' }),
  ),
  REVIEWFLOW_CODEC_OIDC_JWKS_FILE: Type.Optional(
    Type.String({ minLength: 1, description: "The provider's signing keys (JWKS JSON), read at boot" }),
  ),
  REVIEWFLOW_CODEC_OIDC_ALLOWED: Type.Optional(
    Type.String({
      pattern: allowedClaimPattern,
      description:
        'Who may decode: claim=value[,value...] (groups=reviewflow-admins); a list claim needs one of the values',
    }),
  ),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace'], {
    default: 'info',
    description: 'JSON log lines (pino) at this level and above',
  }),
  QUERY_TIMEOUT_MS: Type.Integer({
    default: 3000,
    minimum: 100,
    maximum: 60000,
    description: 'How long GET /reviews/:id waits for a worker to answer the progress query',
  }),
  SHUTDOWN_GRACE_SECONDS: Type.Integer({
    default: 10,
    minimum: 0,
    maximum: 3600,
    description: 'On SIGTERM: time to finish what is in flight before exiting',
  }),
  REQUEST_TIMEOUT_MS: Type.Integer({
    default: 30000,
    minimum: 1000,
    maximum: 600000,
    description: 'Deadline of a request from its first byte to its answer; then a 503 problem with Retry-After',
  }),
  REVIEWFLOW_RATE_LIMIT_PER_MINUTE: Type.Integer({
    default: 1200,
    minimum: 0,
    description: 'Requests per minute per caller (API key, OIDC repository, else client IP) in each replica; 0: off',
  }),
  REVIEWFLOW_SHED_EVENT_LOOP_DELAY_MS: Type.Integer({
    default: 1000,
    minimum: 0,
    description: 'Answer 503 while the mean event-loop delay is above this; 0: not checked',
  }),
  REVIEWFLOW_SHED_HEAP_USED_BYTES: Type.Integer({
    default: 0,
    minimum: 0,
    description: 'Answer 503 while the V8 heap in use is above this; 0: not checked',
  }),
  REVIEWFLOW_SHED_RSS_BYTES: Type.Integer({
    default: 0,
    minimum: 0,
    description: 'Answer 503 while the resident set size is above this (say 90% of the memory limit); 0: not checked',
  }),
  REVIEWFLOW_TRUSTED_PROXIES: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'Comma-separated addresses or CIDRs of the reverse proxies whose X-Forwarded-For names the client (rate limit buckets, logs); none: the peer address',
    }),
  ),
  GITHUB_WEBHOOK_SECRET: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Secret of the GitHub webhook; none: POST /webhooks/github is not served',
    }),
  ),
  GITHUB_WEBHOOK_SECRET_FILE: Type.Optional(Type.String({ minLength: 1, description: 'File holding that secret' })),
  GITHUB_REVIEW_DRAFTS: Type.Boolean({ default: false, description: 'Review draft pull requests from webhooks' }),
  GITHUB_API_URL: Type.String({
    default: 'https://api.github.com',
    pattern: '^https?://',
    description: 'GitHub REST API base URL (GitHub Enterprise Server: https://HOST/api/v3)',
  }),
  GITHUB_TOKEN: Type.Optional(Type.String({ minLength: 1, description: 'Read token to resolve a head SHA left out' })),
  GITHUB_TOKEN_FILE: Type.Optional(Type.String({ minLength: 1, description: 'File holding that token' })),
});
export type ApiConfig = Static<typeof ApiConfigSchema>;

/** Reads and validates the configuration; `process.env` is read nowhere else in the API. */
export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return parseEnvConfig(ApiConfigSchema, env);
}

/** The OIDC settings of a configuration, or none; reads the JWKS file and throws on bad settings. */
export function oidcOf(config: ApiConfig): OidcSettings | undefined {
  const audience = config.REVIEWFLOW_OIDC_AUDIENCE;
  if (audience === undefined) return undefined;
  if (config.REVIEWFLOW_OIDC_JWKS_FILE === undefined) {
    throw new Error('REVIEWFLOW_OIDC_AUDIENCE needs REVIEWFLOW_OIDC_JWKS_FILE');
  }
  const jwks = readJwksFile(config.REVIEWFLOW_OIDC_JWKS_FILE, 'REVIEWFLOW_OIDC_JWKS_FILE');
  const scopes = config.REVIEWFLOW_OIDC_SCOPES.split('+');
  if (!scopes.every(isScope)) throw new Error('REVIEWFLOW_OIDC_SCOPES: unknown scope');
  return { issuer: config.REVIEWFLOW_OIDC_ISSUER, audience, jwks, scopes };
}

/** The API keys of a configuration (see parseApiKeyEntries); throws on a malformed entry. */
export function apiKeysOf(config: ApiConfig): ApiKeyEntry[] {
  return parseApiKeyEntries(config.REVIEWFLOW_API_KEYS);
}
