// Not workflow code (see below): never imported by a workflow, so the determinism rule does not apply.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Signed approval links. Not workflow code (it uses node:crypto and a secret): the API verifies
 * links and lists them, worker-cpu signs the ones its notification activity sends. It lives in the
 * contract, behind its own export path and never in the workflow bundle, because both
 * sides must agree on it byte for byte.
 */

/** What an approval link lets its holder do. */
export interface ApprovalLinkClaims {
  /** The review (workflow id). */
  reviewId: string;
  /** The decisions the link may make. */
  rights: ('approve' | 'reject')[];
  /** Unix seconds after which the link is refused. */
  expiresAt: number;
  /** Unique id of the link: the approval's update id derives from it, which makes it single-use. */
  linkId: string;
}

/** Why a link was refused. */
export type ApprovalLinkError = 'malformed' | 'forged' | 'expired';

const version = 'v1';
// Domain separation: a MAC made for something else with the same secret never verifies as a link.
const context = 'reviewflow approval link v1\n';

/**
 * The longest token {@link verifyApprovalLink} reads. The API's router takes path parameters up to
 * this length (review ids are short, so real tokens stay near 300 characters).
 */
export const maxApprovalLinkTokenLength = 2048;

/**
 * The shape of every token {@link signApprovalLink} makes, as a JSON-schema `pattern`: the API
 * documents and validates its path parameter with it, so a token of another shape is a 400 and
 * one of this shape is read (and refused as forged, 403, when its MAC does not verify).
 */
export const approvalLinkTokenPattern = `^${version}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`;
const tokenShape = new RegExp(approvalLinkTokenPattern);

const mac = (secret: string, data: string): Buffer => createHmac('sha256', secret).update(data).digest();

/**
 * The link id of a review's approval gate: an HMAC of the review id and the gate's deadline, so the
 * API and the notification activity derive the same link without sharing state, and a new gate
 * (another run, another deadline) gets another one.
 */
export function approvalLinkId(secret: string, reviewId: string, expiresAt: number): string {
  return mac(secret, `${context}id\0${reviewId}\0${expiresAt}`).subarray(0, 16).toString('base64url');
}

/** Signs claims into a URL-safe token: `v1.<claims, base64url JSON>.<HMAC-SHA256, base64url>`. */
export function signApprovalLink(secret: string, claims: ApprovalLinkClaims): string {
  const payload = Buffer.from(
    JSON.stringify({ r: claims.reviewId, d: claims.rights, e: claims.expiresAt, n: claims.linkId }),
  ).toString('base64url');
  return `${version}.${payload}.${mac(secret, `${context}${payload}`).toString('base64url')}`;
}

/**
 * Verifies a token and returns its claims, or the reason it is refused. The MAC is checked in
 * constant time before the payload is parsed, so forged input is never interpreted.
 */
export function verifyApprovalLink(
  secret: string,
  token: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): ApprovalLinkClaims | ApprovalLinkError {
  if (token.length > maxApprovalLinkTokenLength || !tokenShape.test(token)) return 'malformed';
  const [, payload = '', signature = ''] = token.split('.');
  const expected = mac(secret, `${context}${payload}`);
  if (!timingSafeEqual(expected, Buffer.from(signature, 'base64url'))) return 'forged';
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return 'malformed';
  }
  const { r, d, e, n } = (raw ?? {}) as { r?: unknown; d?: unknown; e?: unknown; n?: unknown };
  const rights = Array.isArray(d) ? d.filter((x): x is 'approve' | 'reject' => x === 'approve' || x === 'reject') : [];
  if (typeof r !== 'string' || typeof n !== 'string' || !Number.isInteger(e) || rights.length === 0) return 'malformed';
  if ((e as number) <= nowSeconds) return 'expired';
  return { reviewId: r, rights, expiresAt: e as number, linkId: n };
}

/**
 * The path (`/approval-links/<token>`) and expiry of the one approval link of a review whose gate
 * closes at `deadline` (ISO): it expires with the gate and may approve or reject. The API lists it
 * and worker-cpu sends it; both get the same link from the same review and deadline.
 */
export function approvalLinkPath(
  secret: string,
  reviewId: string,
  deadline: string,
): { path: string; expiresAt: string } {
  const expiresAt = Math.floor(Date.parse(deadline) / 1000);
  const token = signApprovalLink(secret, {
    reviewId,
    rights: ['approve', 'reject'],
    expiresAt,
    linkId: approvalLinkId(secret, reviewId, expiresAt),
  });
  return { path: `/approval-links/${token}`, expiresAt: new Date(expiresAt * 1000).toISOString() };
}
