import { parseEnvConfig, TemporalConnectionProperties } from '@reviewflow/config';
import { Type, type Static } from 'typebox';

/** Everything the API reads from its environment, validated at boot. */
export const ApiConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', description: 'Listen address; 0.0.0.0 in containers' }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  ...TemporalConnectionProperties,
  REVIEWFLOW_API_KEYS: Type.String({ minLength: 1, description: 'Comma-separated API keys accepted as Bearer tokens' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace'], { default: 'info' }),
  QUERY_TIMEOUT_MS: Type.Integer({ default: 3000, minimum: 100, maximum: 60000 }),
  SHUTDOWN_GRACE_SECONDS: Type.Integer({ default: 10, minimum: 0, maximum: 3600 }),
});
export type ApiConfig = Static<typeof ApiConfigSchema>;

/** Reads and validates the configuration; `process.env` is read nowhere else in the API. */
export function loadApiConfig(env: Record<string, string | undefined> = process.env): ApiConfig {
  return parseEnvConfig(ApiConfigSchema, env);
}

/** The API keys of a configuration, trimmed, without empty entries. */
export function apiKeysOf(config: ApiConfig): string[] {
  return config.REVIEWFLOW_API_KEYS.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}
