import { createHash } from 'node:crypto';

/*
 * The `pageToken` of `GET /reviews`: `base64url(version | checksum | Temporal's nextPageToken)`.
 *
 * Why a checksum and no secret: a keyed MAC needs one key on every API replica (a per-process
 * random one would make a token from one replica a 400 on the next, and after every restart), which
 * is one more secret to distribute and rotate for no gain. The token grants nothing: it is only a
 * position in the visibility list, and each request builds the list query again from its own
 * filters and the caller's rights, so a forged position cannot reach other rows. What the token
 * must do is keep bad input away from Temporal, which answers a token it cannot read with
 * `UNKNOWN`, an answer the SDK retries until the request deadline. A SHA-256 over the filters and
 * Temporal's token does that on every replica alike: truncated, mistyped, fuzzed tokens and tokens
 * of another filter are a 400 before any Temporal call. A token forged on purpose, checksum and
 * all, reaches Temporal and gets its refusal as a 400 with no retry (see grpc-retry-interceptor.ts).
 */

const version = 1;
const checksumBytes = 16;
// Domain separation: no other hash the API computes can pass for a page-token checksum.
const context = 'reviewflow list page token v1\0';

/** What a page token is bound to: the filters of the listing it continues. */
export interface ListPageScope {
  status?: string | undefined;
  repository?: string | undefined;
}

function checksum(scope: ListPageScope, temporalToken: Uint8Array): Buffer {
  return createHash('sha256')
    .update(context)
    .update(JSON.stringify([scope.status ?? null, scope.repository ?? null]))
    .update('\0')
    .update(temporalToken)
    .digest()
    .subarray(0, checksumBytes);
}

/** Wraps Temporal's `nextPageToken` into the opaque token the API hands out for `scope`. */
export function wrapListPageToken(scope: ListPageScope, temporalToken: Uint8Array): string {
  return Buffer.concat([Buffer.of(version), checksum(scope, temporalToken), temporalToken]).toString('base64url');
}

/**
 * Temporal's token inside `token`, or undefined when `token` is not one this API issued for
 * `scope` (bad base64url, another version, a checksum that does not match).
 */
export function unwrapListPageToken(scope: ListPageScope, token: string): Uint8Array | undefined {
  const bytes = Buffer.from(token, 'base64url');
  // Node's decoder skips characters it does not know: only a canonical encoding is this token.
  if (bytes.toString('base64url') !== token) return undefined;
  if (bytes.length <= 1 + checksumBytes || bytes[0] !== version) return undefined;
  const temporalToken = bytes.subarray(1 + checksumBytes);
  const expected = checksum(scope, temporalToken);
  // Not a secret, so no constant-time compare is needed.
  return expected.equals(bytes.subarray(1, 1 + checksumBytes)) ? temporalToken : undefined;
}
