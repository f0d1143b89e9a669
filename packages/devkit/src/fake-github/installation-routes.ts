import { createPublicKey, createVerify, randomBytes, type KeyObject } from 'node:crypto';
import type { FakeGitHubAuth } from './fake-github-auth.js';
import type { FakeGitHubReplier } from './fake-github-replier.js';
import type { FakeGitHubRoute } from './fake-github-route.js';
import type { FakeGitHubState } from './fake-github-state.js';

/**
 * The GitHub App endpoints, served in app mode only: the repository's installation lookup and
 * installation access tokens, both behind an RS256 JWT verified against the app's public key and
 * checked for its issuer (the app id) and expiry. The tokens minted here are the ones
 * {@link FakeGitHubState.installationTokens} accepts afterwards.
 */
export function installationRoutes(
  auth: FakeGitHubAuth,
  state: FakeGitHubState,
  reply: FakeGitHubReplier,
): FakeGitHubRoute {
  if (auth.kind !== 'app') return () => Promise.resolve(false);
  const appKey = createPublicKey(auth.publicKeyPem);

  return async ({ req, res, method, path }) => {
    const installation = /^\/repos\/([^/]+)\/([^/]+)\/installation$/.exec(path);
    const tokens = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (!installation && !tokens) return false;
    if (!verifyJwt(appKey, auth.appId, req.headers.authorization)) {
      reply.error(res, 401, 'A JSON web token could not be decoded');
    } else if (installation && method === 'GET') {
      reply.send(res, 200, { id: auth.installationId, app_id: Number(auth.appId) });
    } else if (tokens && method === 'POST' && Number(tokens[1]) === auth.installationId) {
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      state.installationTokens.add(token);
      reply.send(res, 201, { token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {} });
    } else {
      reply.error(res, 404, 'Not Found');
    }
    return true;
  };
}

function verifyJwt(appKey: KeyObject, appId: string, header: string | undefined): boolean {
  if (!/^bearer /i.test(header ?? '')) return false;
  const [h, p, s] = (header ?? '').slice('bearer '.length).split('.');
  if (!h || !p || !s) return false;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${h}.${p}`);
  if (!verifier.verify(appKey, Buffer.from(s, 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { iss?: unknown; exp?: number };
  return String(claims.iss) === appId && (claims.exp ?? 0) * 1000 > Date.now();
}
