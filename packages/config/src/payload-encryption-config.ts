import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { Type, type Static } from 'typebox';
import { PayloadEncryptionCodec } from './payload-encryption-codec.js';

/**
 * Payload encryption settings, shared by the API and both workers (they must hold the same keys).
 * Spread into every deployable's config schema through `TemporalConnectionProperties`.
 */
export const PayloadEncryptionProperties = {
  REVIEWFLOW_PAYLOAD_KEYS: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=_-]{43,44}(,[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=_-]{43,44})*$',
      description:
        'Comma-separated `keyId:base64(32 random bytes)`: history payloads are AES-256-GCM ciphertext; none: plain',
    }),
  ),
  REVIEWFLOW_PAYLOAD_KEY_ID: Type.Optional(
    Type.String({ minLength: 1, description: 'The key that encrypts new payloads; default: the first' }),
  ),
};
export type PayloadEncryptionConfig = Static<ReturnType<typeof Type.Object<typeof PayloadEncryptionProperties>>>;

/**
 * The file of the failure converter that moves failure messages and stack traces into an encoded
 * (so, with keys, encrypted) payload; see encrypted-failure-converter.ts. A path, because the SDK
 * loads failure converters by path, and worker-cpu bundles it into every workflow bundle.
 */
export const encryptedFailureConverterPath = fileURLToPath(
  import.meta.resolve('@reviewflow/config/encrypted-failure-converter'),
);

/**
 * The data converter of clients and workers: with keys, the encryption codec plus the failure
 * converter that turns failure messages and stack traces into payloads, so both are ciphertext too;
 * without, Temporal's defaults.
 */
export function dataConverterOf(config: PayloadEncryptionConfig): DataConverter {
  const text = config.REVIEWFLOW_PAYLOAD_KEYS;
  if (!text) return {};
  const keys = new Map<string, Buffer>();
  for (const entry of text.split(',')) {
    const [id = '', material = ''] = entry.split(':');
    if (keys.has(id)) throw new Error(`REVIEWFLOW_PAYLOAD_KEYS: key id ${id} twice`);
    keys.set(id, Buffer.from(material, material.includes('+') || material.includes('/') ? 'base64' : 'base64url'));
  }
  const active = config.REVIEWFLOW_PAYLOAD_KEY_ID ?? [...keys.keys()][0] ?? '';
  return {
    payloadCodecs: [new PayloadEncryptionCodec(keys, active)],
    failureConverterPath: encryptedFailureConverterPath,
  };
}
