import type { PayloadCodec } from '@temporalio/common';
import { readJwksFile } from '../auth/read-jwks-file.js';
import type { ApiConfig } from '../config.js';
import { parseAllowedClaim } from './allowed-claim.js';
import type { CodecEndpointSettings } from './codec-endpoint-settings.js';
import type { CodecOidcSettings } from './codec-oidc-verifier.js';

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);
const oidcVariables = [
  'REVIEWFLOW_CODEC_OIDC_ISSUER',
  'REVIEWFLOW_CODEC_OIDC_AUDIENCE',
  'REVIEWFLOW_CODEC_OIDC_JWKS_FILE',
  'REVIEWFLOW_CODEC_OIDC_ALLOWED',
] as const;

/**
 * The codec endpoint of a configuration: none without payload codecs (nothing to decode). An open
 * endpoint (`REVIEWFLOW_CODEC_AUTH=none`) decrypts for anyone who reaches it, so the API refuses to
 * boot with it unless it listens on loopback only. Reads the Web UI provider's JWKS file, if any.
 */
export function codecEndpointOf(
  config: ApiConfig,
  codecs: readonly PayloadCodec[] | undefined,
): CodecEndpointSettings | undefined {
  if (!codecs || codecs.length === 0) return undefined;
  if (config.REVIEWFLOW_CODEC_AUTH === 'none' && !loopbackHosts.has(config.HOST)) {
    throw new Error(`REVIEWFLOW_CODEC_AUTH=none needs a loopback HOST, not ${config.HOST}`);
  }
  const origins = config.REVIEWFLOW_CODEC_CORS_ORIGINS.split(',').filter((o) => o !== '');
  const oidc = codecOidcOf(config);
  return { codecs, corsOrigins: origins, auth: config.REVIEWFLOW_CODEC_AUTH, ...(oidc ? { oidc } : {}) };
}

// All four settings or none: a partial one would silently accept fewer users, or any signed-in one.
function codecOidcOf(config: ApiConfig): CodecOidcSettings | undefined {
  const set = oidcVariables.filter((name) => config[name] !== undefined);
  if (set.length === 0) return undefined;
  if (set.length < oidcVariables.length) {
    throw new Error(`${set.join(', ')} also need ${oidcVariables.filter((n) => !set.includes(n)).join(', ')}`);
  }
  if (config.REVIEWFLOW_CODEC_AUTH === 'none') {
    throw new Error('REVIEWFLOW_CODEC_OIDC_* needs REVIEWFLOW_CODEC_AUTH=api-key (none lets anyone in)');
  }
  return {
    issuer: config.REVIEWFLOW_CODEC_OIDC_ISSUER!,
    audience: config.REVIEWFLOW_CODEC_OIDC_AUDIENCE!,
    jwks: readJwksFile(config.REVIEWFLOW_CODEC_OIDC_JWKS_FILE!, 'REVIEWFLOW_CODEC_OIDC_JWKS_FILE'),
    allowed: parseAllowedClaim(config.REVIEWFLOW_CODEC_OIDC_ALLOWED!),
  };
}
