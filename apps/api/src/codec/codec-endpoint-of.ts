import type { PayloadCodec } from '@temporalio/common';
import type { ApiConfig } from '../config.js';
import type { CodecEndpointSettings } from './codec-endpoint-settings.js';

const loopbackHosts = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * The codec endpoint of a configuration: none without payload codecs (nothing to decode). An open
 * endpoint (`REVIEWFLOW_CODEC_AUTH=none`) decrypts for anyone who reaches it, so the API refuses to
 * boot with it unless it listens on loopback only.
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
  return { codecs, corsOrigins: origins, auth: config.REVIEWFLOW_CODEC_AUTH };
}
