import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approvalLinkId, signApprovalLink, verifyApprovalLink } from '../src/approval-link-token.js';

const secret = 'unit-test-secret-0123456789abcdefghij';
const now = 1_800_000_000;
const claims = { reviewId: 'review:git:x@a..b', rights: ['approve' as const], expiresAt: now + 60, linkId: 'id-1' };

describe('approval link tokens', () => {
  it('round-trip their claims and derive one link id per review and deadline', () => {
    assert.deepEqual(verifyApprovalLink(secret, signApprovalLink(secret, claims), now), claims);
    assert.equal(approvalLinkId(secret, 'r', 1), approvalLinkId(secret, 'r', 1));
    assert.notEqual(approvalLinkId(secret, 'r', 1), approvalLinkId(secret, 'r', 2));
    assert.notEqual(approvalLinkId(secret, 'r', 1), approvalLinkId(`${secret}x`, 'r', 1));
  });

  it('refuse expired, forged and malformed tokens without throwing', () => {
    const token = signApprovalLink(secret, claims);
    assert.equal(verifyApprovalLink(secret, token, now + 60), 'expired');
    assert.equal(verifyApprovalLink(`${secret}x`, token, now), 'forged');
    const [v, payload, sig] = token.split('.') as [string, string, string];
    const other = Buffer.from(JSON.stringify({ r: 'other', d: ['approve', 'reject'], e: now + 60, n: 'id-1' }));
    assert.equal(verifyApprovalLink(secret, `${v}.${other.toString('base64url')}.${sig}`, now), 'forged');
    for (const bad of [
      '',
      'v1',
      'v1..',
      `v2.${payload}.${sig}`,
      `${token}.x`,
      `${v}.${payload}.${sig}=`,
      'x'.repeat(5000),
    ]) {
      assert.equal(verifyApprovalLink(secret, bad, now), 'malformed', bad.slice(0, 20));
    }
  });
});
