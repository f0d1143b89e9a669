import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type CryptoKey } from 'jose';
import { pino } from 'pino';
import { startTestStack, type TestStack } from '../support/test-stack.js';

type Json = Record<string, any>;
const issuer = 'https://token.actions.githubusercontent.com';
const audience = 'https://reviews.example.com';
const adminKey = 'admin-key-oidc-test-2a9f';
const sha = (c: string) => c.repeat(40);

describe('OIDC bearer tokens from GitHub Actions against a real Temporal dev server', () => {
  let stack: TestStack;
  let app: FastifyInstance;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  const logLines: string[] = [];

  const token = (claims: JWTPayload = {}, { signWith = key, alg = 'RS256', expiresIn = '5m' } = {}) => {
    const { iss = issuer, aud = audience, ...rest } = claims;
    return new SignJWT({
      repository: 'Acme/API',
      workflow_ref: 'Acme/API/.github/workflows/ci.yml@refs/heads/main',
      ...rest,
    })
      .setProtectedHeader({ alg, kid: 'k1' })
      .setIssuer(iss)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(signWith);
  };
  const call = async (method: 'GET' | 'POST', url: string, bearer: string, payload?: object) => {
    const res = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${bearer}` },
      ...(payload ? { payload } : {}),
    });
    return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() as Json };
  };
  const github = (owner: string, repo: string, pullNumber = 1) => ({
    source: { kind: 'github', owner, repo, pullNumber, headSha: sha(String(pullNumber % 10)) },
  });

  before(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    ({ privateKey: otherKey } = await generateKeyPair('RS256'));
    stack = await startTestStack({
      workers: false,
      app: {
        apiKeys: [adminKey],
        oidc: {
          issuer,
          audience,
          jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] },
          scopes: ['reviews:write', 'reviews:read'],
        },
        queryTimeoutMs: 300,
      },
      deps: {
        logger: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }),
        // No network: the head SHA is always given here.
        resolveGitHubSource: async (r) => ({ ...r, headSha: r.headSha ?? sha('0') }),
      },
    });
    app = stack.app;
  });
  after(async () => {
    await stack?.stop();
  });

  it('lets a token start and read reviews of its own repository only', async () => {
    const bearer = await token();
    const mine = await call('POST', '/reviews', bearer, github('acme', 'api', 7));
    assert.equal(mine.status, 202, JSON.stringify(mine.body));
    const theirs = await call('POST', '/reviews', adminKey, github('other', 'repo', 8));
    assert.equal(theirs.status, 202);

    const refusedStart = await call('POST', '/reviews', bearer, github('other', 'repo', 9));
    assert.equal(refusedStart.status, 403);
    assert.match(refusedStart.type, /^application\/problem\+json/);
    assert.equal(refusedStart.body.type, 'https://reviewflow.dev/problems/forbidden');
    const local = await call('POST', '/reviews', bearer, { source: { kind: 'git', path: '/srv/api', base: 'HEAD~1' } });
    assert.equal(local.status, 403);

    assert.equal((await call('GET', `/reviews/${mine.body.id}`, bearer)).status, 200);
    assert.equal((await call('GET', `/reviews/${theirs.body.id}`, bearer)).status, 403);
    assert.equal((await call('POST', `/reviews/${theirs.body.id}/cancel`, bearer)).status, 403);
    assert.equal((await call('GET', '/reviews?repository=other/repo', bearer)).status, 403);
    const listed = await call('GET', '/reviews', bearer);
    assert.equal(listed.status, 200);
    assert.ok(
      listed.body.reviews.every((r: Json) => r.repository === 'acme/api'),
      JSON.stringify(listed.body),
    );

    // Scopes: no approvals, no organisation runs.
    const approval = await call('POST', `/reviews/${mine.body.id}/approval`, bearer, { decision: 'approve' });
    assert.equal(approval.status, 403);
    const org = await call('POST', '/orgs/acme/reviews', bearer, {
      tier: 'starter',
      repositories: [{ kind: 'git', path: '/srv/api', base: 'HEAD~1' }],
    });
    assert.equal(org.status, 403);

    const text = logLines.join('\n');
    assert.match(text, /"caller":"oidc:Acme\/API/);
    assert.ok(!text.includes(bearer.split('.')[2]!), 'no token in the logs');
  });

  it('answers 401 for every token it does not accept', async () => {
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: issuer, aud: audience, repository: 'acme/api', exp: Math.floor(Date.now() / 1000) + 300 }),
    ).toString('base64url')}.`;
    const bad = [
      await token({ aud: 'https://elsewhere.example.com' }),
      await token({ iss: 'https://evil.example.com' }),
      await token({}, { expiresIn: '-2m' }),
      await token({}, { signWith: otherKey }),
      await token({ repository: undefined }),
      await token({ repository: '../../etc' }),
      await new SignJWT({ repository: 'acme/api' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('a-guessed-hmac-secret-of-32-bytes!')),
      unsigned,
      'eyJ.eyJ.x',
      `eyJ${'a'.repeat(9000)}.b.c`,
      'eyJhbGciOiJSUzI1NiJ9.%%%.***',
    ];
    for (const bearer of bad) {
      const res = await call('GET', '/reviews', bearer);
      assert.equal(res.status, 401, `case ${bad.indexOf(bearer)}`);
      assert.match(res.type, /^application\/problem\+json/);
    }
  });
});
