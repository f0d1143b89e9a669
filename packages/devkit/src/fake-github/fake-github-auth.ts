import type { IncomingMessage } from 'node:http';

/** How the fake authenticates callers. */
export type FakeGitHubAuth =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  | { kind: 'app'; appId: string; publicKeyPem: string; installationId: number };

/**
 * Whether `req` may call the REST API: anyone without auth, the one token in token mode, and in app
 * mode only an installation token the fake minted (the app's JWT alone opens only the app endpoints).
 */
export function isAuthorized(auth: FakeGitHubAuth, installationTokens: Set<string>, req: IncomingMessage): boolean {
  const header = req.headers.authorization;
  const token = header?.replace(/^(token|bearer) /i, '');
  if (auth.kind === 'none') return true;
  if (auth.kind === 'token') return token === auth.token;
  return token !== undefined && installationTokens.has(token);
}
