import { isUtf8 } from 'node:buffer';
import { verify } from '@octokit/webhooks-methods';

/**
 * Checks GitHub's `X-Hub-Signature-256` header (`sha256=<hex HMAC-SHA256 of the raw body>`)
 * against the webhook secret, with @octokit/webhooks' own check (constant-time comparison, so no
 * timing oracle). Resolves false for a missing, malformed or wrong signature; never rejects.
 *
 * The signature covers the bytes as received, but the library takes the body as a string: only
 * UTF-8 text decodes to a string that encodes back to the same bytes, so any other body is refused
 * rather than verified over a lossy decoding (GitHub sends JSON, which is always UTF-8).
 */
export async function verifyGitHubSignature(
  secret: string,
  rawBody: Buffer,
  header: string | undefined,
): Promise<boolean> {
  if (header === undefined || !isUtf8(rawBody)) return false;
  try {
    // Hex digits carry no case: GitHub sends lower case, which is what the library compares with.
    return await verify(secret, rawBody.toString('utf8'), header.toLowerCase());
  } catch {
    // The library throws on an empty secret, body or signature: none of them verifies a delivery.
    return false;
  }
}
