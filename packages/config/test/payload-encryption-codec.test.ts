import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { dataConverterOf, encryptedEncoding, PayloadEncryptionCodec } from '../src/index.js';

const payload = defaultPayloadConverter.toPayload({ secret: 'canary-5d1e', n: 1 }) as Payload;
const has = (p: Payload, text: string) => Buffer.from(p.data ?? []).includes(text);

describe('PayloadEncryptionCodec', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('encrypts with the active key, names it, and decodes back', async () => {
    const codec = new PayloadEncryptionCodec(new Map([['k1', k1]]), 'k1');
    const [encrypted] = await codec.encode([payload]);
    assert.ok(encrypted && !has(encrypted, 'canary-5d1e'));
    assert.equal(Buffer.from(encrypted.metadata!.encoding!).toString(), encryptedEncoding);
    assert.equal(Buffer.from(encrypted.metadata!['encryption-key-id']!).toString(), 'k1');
    const [decoded] = await codec.decode([encrypted]);
    assert.deepEqual(defaultPayloadConverter.fromPayload(decoded!), { secret: 'canary-5d1e', n: 1 });
    // Plain payloads (histories from before the codec) pass through.
    assert.deepEqual(await codec.decode([payload]), [payload]);
  });

  it('rotates keys: new payloads use the active key, old ones still decode', async () => {
    const before = new PayloadEncryptionCodec(new Map([['k1', k1]]), 'k1');
    const after = new PayloadEncryptionCodec(
      new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
      'k2',
    );
    const [old] = await before.encode([payload]);
    const [fresh] = await after.encode([payload]);
    assert.equal(Buffer.from(fresh!.metadata!['encryption-key-id']!).toString(), 'k2');
    for (const p of [old!, fresh!]) {
      assert.deepEqual(defaultPayloadConverter.fromPayload((await after.decode([p]))[0]!), {
        secret: 'canary-5d1e',
        n: 1,
      });
    }
    await assert.rejects(before.decode([fresh!]), /unknown key id "k2"/);
  });

  it('refuses tampered data and relabelled keys', async () => {
    const codec = new PayloadEncryptionCodec(
      new Map([
        ['k1', k1],
        ['k2', k1],
      ]),
      'k1',
    );
    const [encrypted] = await codec.encode([payload]);
    const flipped = Buffer.from(encrypted!.data!);
    flipped[20] = flipped[20]! ^ 1;
    await assert.rejects(codec.decode([{ ...encrypted!, data: flipped }]));
    // Same key material under another id: the id is authenticated, so this fails too.
    const relabelled = { ...encrypted!, metadata: { ...encrypted!.metadata, 'encryption-key-id': Buffer.from('k2') } };
    await assert.rejects(codec.decode([relabelled]));
    await assert.rejects(codec.decode([{ ...encrypted!, data: Buffer.alloc(5) }]), /too short/);
  });

  it('is configured from key ids and base64 keys, or off', () => {
    assert.deepEqual(dataConverterOf({}), {});
    const key = randomBytes(32).toString('base64');
    assert.equal(dataConverterOf({ REVIEWFLOW_PAYLOAD_KEYS: `a:${key}` }).payloadCodecs?.length, 1);
    assert.throws(
      () => dataConverterOf({ REVIEWFLOW_PAYLOAD_KEYS: `a:${key}`, REVIEWFLOW_PAYLOAD_KEY_ID: 'b' }),
      /b is not/,
    );
    assert.throws(() => dataConverterOf({ REVIEWFLOW_PAYLOAD_KEYS: `a:${key},a:${key}` }), /twice/);
    assert.throws(
      () => dataConverterOf({ REVIEWFLOW_PAYLOAD_KEYS: `a:${randomBytes(16).toString('base64')}` }),
      /32 bytes/,
    );
  });
});
