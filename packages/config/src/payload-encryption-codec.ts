import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

/** The `encoding` of an encrypted payload: its data is IV (12 bytes) + ciphertext + GCM tag (16). */
export const encryptedEncoding = 'binary/encrypted';
const keyIdMetadata = 'encryption-key-id';
const ivLength = 12;
const tagLength = 16;
// CommonJS: the namespaces come from its default export under ESM.
const { Payload: PayloadProto } = proto.temporal.api.common.v1;
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

/**
 * A payload codec that encrypts every payload (workflow and activity inputs and results, memos,
 * signals, updates, queries, and failure details when the failure converter encodes them) with
 * AES-256-GCM, so Temporal stores only ciphertext. Each payload names the key that encrypted it:
 * encoding uses `activeKeyId`, decoding any configured key, which is how keys rotate (add the new
 * key, make it active, drop the old one once no history needs it). Payloads that are not encrypted
 * pass through, so histories from before the codec still decode. A payload that does not
 * authenticate, or names an unknown key, fails loudly: never silently wrong data.
 */
export class PayloadEncryptionCodec implements PayloadCodec {
  readonly #keys: ReadonlyMap<string, Buffer>;
  readonly #activeKeyId: string;

  constructor(keys: ReadonlyMap<string, Buffer>, activeKeyId: string) {
    for (const [id, key] of keys) {
      if (key.length !== 32) throw new Error(`payload key ${id} must be 32 bytes (AES-256)`);
    }
    if (!keys.has(activeKeyId)) throw new Error(`the active payload key ${activeKeyId} is not configured`);
    this.#keys = keys;
    this.#activeKeyId = activeKeyId;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.#keys.get(this.#activeKeyId) as Buffer;
    return payloads.map((payload) => {
      const plain = PayloadProto.encode(payload).finish();
      const iv = randomBytes(ivLength);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The key id is authenticated too: a payload cannot be relabelled to another key.
      cipher.setAAD(text(this.#activeKeyId));
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: text(encryptedEncoding), [keyIdMetadata]: text(this.#activeKeyId) },
        data,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
      if (!encoding || Buffer.from(encoding).toString() !== encryptedEncoding) return payload;
      const keyId = Buffer.from(payload.metadata?.[keyIdMetadata] ?? new Uint8Array()).toString();
      const key = this.#keys.get(keyId);
      if (!key) throw new Error(`payload encrypted with unknown key id "${keyId.slice(0, 64)}"`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < ivLength + tagLength) throw new Error('encrypted payload too short');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, ivLength));
      decipher.setAAD(text(keyId));
      decipher.setAuthTag(data.subarray(data.length - tagLength));
      const plain = Buffer.concat([
        decipher.update(data.subarray(ivLength, data.length - tagLength)),
        decipher.final(),
      ]);
      return PayloadProto.decode(plain) as Payload;
    });
  }
}
