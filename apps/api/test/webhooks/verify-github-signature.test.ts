import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { verifyGitHubSignature } from '../../src/webhooks/verify-github-signature.js';

const secret = 'webhook-secret-for-tests';
const signature = (body: Buffer) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('verifyGitHubSignature', () => {
  it('accepts the HMAC of the bytes as received, in either case of hex', async () => {
    const body = Buffer.from('{"zen":"Ünïcode is fine","hook_id":1}');
    assert.equal(await verifyGitHubSignature(secret, body, signature(body)), true);
    assert.equal(await verifyGitHubSignature(secret, body, signature(body).toUpperCase()), true);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
    assert.equal(await verifyGitHubSignature(secret, withBom, signature(withBom)), true);
    assert.equal(await verifyGitHubSignature(secret, withBom, signature(body)), false);
  });

  it('resolves false, never rejects, for missing, malformed or wrong signatures', async () => {
    const body = Buffer.from('{"action":"opened"}');
    for (const header of [
      undefined,
      '',
      'sha256=',
      'sha256=zz',
      signature(body).slice(0, -1),
      signature(body).replace('sha256=', 'sha1='),
      signature(Buffer.from('{"action":"closed"}')),
    ]) {
      assert.equal(await verifyGitHubSignature(secret, body, header), false, String(header));
    }
    assert.equal(await verifyGitHubSignature('', body, signature(body)), false, 'no secret');
    assert.equal(await verifyGitHubSignature(secret, Buffer.alloc(0), signature(Buffer.alloc(0))), false, 'no body');
  });

  it('refuses a body that is not UTF-8 instead of verifying a lossy decoding of it', async () => {
    const body = Buffer.from([0x7b, 0xff, 0x7d]);
    assert.equal(await verifyGitHubSignature(secret, body, signature(body)), false);
    // What a lossy decoding would verify: U+FFFD in place of the stray byte.
    const decoded = Buffer.from(body.toString('utf8'));
    assert.equal(await verifyGitHubSignature(secret, body, signature(decoded)), false);
  });
});
