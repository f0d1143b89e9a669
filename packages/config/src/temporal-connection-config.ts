import { readFileSync } from 'node:fs';
import { Type, type Static } from 'typebox';
import { PayloadEncryptionProperties } from './payload-encryption-config.js';

/**
 * The Temporal connection settings every deployable shares; each deployable spreads these
 * properties into its own config schema. Secrets are file paths (mounted Secrets), never values,
 * except the Cloud API key, which comes from a Secret-backed variable.
 */
export const TemporalConnectionProperties = {
  TEMPORAL_ADDRESS: Type.String({ default: '127.0.0.1:7233', description: 'host:port of the Temporal frontend' }),
  TEMPORAL_NAMESPACE: Type.String({ default: 'default', description: 'Temporal namespace of every review' }),
  TEMPORAL_API_KEY: Type.Optional(Type.String({ minLength: 1, description: 'Temporal Cloud API key (implies TLS)' })),
  TEMPORAL_TLS: Type.Boolean({ default: false, description: 'Connect with TLS' }),
  TEMPORAL_TLS_CERT_PATH: Type.Optional(Type.String({ description: 'Client certificate (PEM) for mTLS' })),
  TEMPORAL_TLS_KEY_PATH: Type.Optional(Type.String({ description: 'Client private key (PEM) for mTLS' })),
  TEMPORAL_TLS_CA_PATH: Type.Optional(
    Type.String({ description: 'Server CA certificate (PEM), when not publicly trusted' }),
  ),
  TEMPORAL_TLS_SERVER_NAME: Type.Optional(Type.String({ description: 'Overrides the TLS server name (SNI)' })),
  // Every deployable that talks to Temporal must hold the same payload keys.
  ...PayloadEncryptionProperties,
};
export type TemporalConnectionConfig = Static<ReturnType<typeof Type.Object<typeof TemporalConnectionProperties>>>;

/** Options accepted by both `Connection.connect` (client) and `NativeConnection.connect` (worker). */
export interface TemporalConnectionOptions {
  address: string;
  tls?: {
    serverNameOverride?: string;
    serverRootCACertificate?: Buffer;
    clientCertPair?: { crt: Buffer; key: Buffer };
  };
  apiKey?: string;
}

/**
 * Connection options from the settings: plain text by default (the embedded dev server), TLS when
 * asked for or when an API key is set (Temporal Cloud), mTLS when a client certificate is given.
 */
export function temporalConnectionOptions(config: TemporalConnectionConfig): TemporalConnectionOptions {
  const options: TemporalConnectionOptions = { address: config.TEMPORAL_ADDRESS };
  const mtls = config.TEMPORAL_TLS_CERT_PATH !== undefined || config.TEMPORAL_TLS_KEY_PATH !== undefined;
  if (mtls && (config.TEMPORAL_TLS_CERT_PATH === undefined || config.TEMPORAL_TLS_KEY_PATH === undefined)) {
    throw new Error('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together');
  }
  if (
    config.TEMPORAL_TLS ||
    config.TEMPORAL_API_KEY !== undefined ||
    mtls ||
    config.TEMPORAL_TLS_CA_PATH !== undefined
  ) {
    options.tls = {
      ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
      ...(config.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: readFileSync(config.TEMPORAL_TLS_CA_PATH) } : {}),
      ...(mtls
        ? {
            clientCertPair: {
              crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH as string),
              key: readFileSync(config.TEMPORAL_TLS_KEY_PATH as string),
            },
          }
        : {}),
    };
  }
  if (config.TEMPORAL_API_KEY !== undefined) options.apiKey = config.TEMPORAL_API_KEY;
  return options;
}
