import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dataConverterOf } from '@reviewflow/config';
import { addCommit, freePort } from '@reviewflow/devkit';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { pino } from 'pino';
import { chromium } from 'playwright-core';
import { claimAllows, parseAllowedClaim } from '../../src/codec/allowed-claim.js';
import { codecEndpointOf } from '../../src/codec/codec-endpoint-of.js';
import type { CodecEndpointSettings } from '../../src/codec/codec-endpoint-settings.js';
import { loadApiConfig } from '../../src/config.js';
import { chromiumPath } from '../browser/chromium-path.js';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';
import { b64, encryptedReviewInput, type PayloadJson } from './encrypted-review-input.js';

type Json = Record<string, any>;
const uiOrigin = 'https://temporal.example.com';
const uiIssuer = 'https://login.example.com/realms/ops';
const uiAudience = 'reviewflow-codec';
const ciIssuer = 'https://token.actions.githubusercontent.com';
const ciAudience = 'https://reviews.example.com';
const keys = { REVIEWFLOW_PAYLOAD_KEYS: `k1:${randomBytes(32).toString('base64')}` };

// The Temporal Web UI in production: its signed-in users' OIDC access tokens (codec.passAccessToken)
// decode real ciphertext for allowed users only, and are worth nothing anywhere else.
describe('codec endpoint with the Temporal Web UI users’ access tokens', () => {
  let stack: TestStack;
  let repo: string;
  let dir: string;
  let encryptedInput: PayloadJson;
  let uiKey: CryptoKey;
  let ciKey: CryptoKey;
  let otherKey: CryptoKey;
  let env: Record<string, string>;
  // A page of the browser test's own: the stand-in for the Web UI's origin.
  let pageOrigin: string;
  const logLines: string[] = [];

  const uiToken = (claims: JWTPayload = {}, { signWith = uiKey, alg = 'RS256', expiresIn = '5m' } = {}) => {
    const { iss = uiIssuer, aud = uiAudience, sub = 'alice', ...rest } = claims;
    return new SignJWT({ groups: ['staff', 'reviewflow-admins'], email: 'alice@example.com', ...rest })
      .setProtectedHeader({ alg, kid: 'ui' })
      .setIssuer(iss)
      .setAudience(aud)
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(signWith);
  };
  const decode = (token: string | undefined, payloads: PayloadJson[], headers: Record<string, string> = {}) =>
    stack.app.inject({
      method: 'POST',
      // The current UI appends this query; the endpoint must not trip over it.
      url: '/codec/decode?preserveStorageRefs=true',
      payload: { payloads },
      headers: {
        'content-type': 'application/json',
        'x-namespace': 'default',
        origin: uiOrigin,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
    });
  const assertProblem = (res: { statusCode: number; headers: Json; body: string }, status: number, what: string) => {
    assert.equal(res.statusCode, status, `${what}: ${res.body}`);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, what);
    assert.ok(!res.body.includes(repo), `${what}: no plaintext`);
    // The browser may read the refusal (else the UI cannot tell a 401 from a network error).
    assert.equal(res.headers['access-control-allow-origin'], uiOrigin, what);
  };

  before(async () => {
    const ui = await generateKeyPair('RS256', { extractable: true });
    uiKey = ui.privateKey;
    const ci = await generateKeyPair('RS256', { extractable: true });
    ciKey = ci.privateKey;
    ({ privateKey: otherKey } = await generateKeyPair('RS256'));
    dir = mkdtempSync(join(tmpdir(), 'reviewflow-codec-oidc-'));
    pageOrigin = `http://127.0.0.1:${await freePort()}`;
    const jwksFile = join(dir, 'jwks.json');
    writeFileSync(
      jwksFile,
      JSON.stringify({ keys: [{ ...(await exportJWK(ui.publicKey)), kid: 'ui', alg: 'RS256', use: 'sig' }] }),
    );
    env = {
      REVIEWFLOW_API_KEYS: testApiKey,
      HOST: '0.0.0.0',
      REVIEWFLOW_CODEC_CORS_ORIGINS: `${uiOrigin},${pageOrigin}`,
      REVIEWFLOW_CODEC_OIDC_ISSUER: uiIssuer,
      REVIEWFLOW_CODEC_OIDC_AUDIENCE: uiAudience,
      REVIEWFLOW_CODEC_OIDC_JWKS_FILE: jwksFile,
      REVIEWFLOW_CODEC_OIDC_ALLOWED: 'groups=reviewflow-admins,reviewflow-operators',
      ...keys,
    };
    // The settings as server.ts makes them, from the environment and the JWKS file.
    const codecEndpoint = codecEndpointOf(loadApiConfig(env), dataConverterOf(keys).payloadCodecs);
    assert.ok(codecEndpoint?.oidc, 'the codec endpoint takes Web UI tokens');
    stack = await startTestStack({
      payloadKeys: keys,
      app: {
        codecEndpoint,
        // GitHub Actions tokens are accepted on the review routes of the same API.
        oidc: {
          issuer: ciIssuer,
          audience: ciAudience,
          jwks: { keys: [{ ...(await exportJWK(ci.publicKey)), kid: 'ci', alg: 'RS256', use: 'sig' }] },
          scopes: ['reviews:read'],
        },
      },
      deps: { logger: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }) },
    });
    repo = stack.plantedRepo();
    addCommit(repo, { 'src/web-ui.js': 'console.log("x");\n' });
    encryptedInput = await encryptedReviewInput(stack, repo);
  });
  after(async () => {
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('decodes history ciphertext for an allowed user, readable by the UI origin with credentials', async () => {
    const token = await uiToken();
    const idToken = await uiToken({ aud: 'temporal-ui' });
    const res = await decode(token, [encryptedInput], { 'authorization-extras': idToken });
    assert.equal(res.statusCode, 200, res.body);
    const [payload] = res.json().payloads;
    assert.equal(Buffer.from(payload.metadata.encoding, 'base64').toString(), 'json/plain');
    assert.equal(JSON.parse(Buffer.from(payload.data, 'base64').toString()).source.path, repo);
    assert.equal(res.headers['access-control-allow-origin'], uiOrigin);
    assert.equal(res.headers['access-control-allow-credentials'], 'true');
    assert.match(String(res.headers.vary), /\bOrigin\b/);

    // Logs name the user, and show neither token.
    const text = logLines.join('\n');
    assert.match(text, /"caller":"web-ui:alice"/);
    for (const t of [token, idToken]) assert.ok(!text.includes(t.split('.')[2]!), 'no token in the logs');
  });

  it('answers the preflight with every header the UI sends, for its origin only', async () => {
    const preflight = (origin: string) =>
      stack.app.inject({
        method: 'OPTIONS',
        url: '/codec/decode?preserveStorageRefs=true',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,authorization-extras,content-type,x-namespace',
        },
      });
    const ok = await preflight(uiOrigin);
    assert.equal(ok.statusCode, 204);
    assert.equal(ok.headers['access-control-allow-origin'], uiOrigin);
    assert.equal(ok.headers['access-control-allow-credentials'], 'true');
    assert.equal(ok.headers['access-control-allow-methods'], 'POST');
    assert.match(String(ok.headers.vary), /\bOrigin\b/);
    const allowed = String(ok.headers['access-control-allow-headers']).split(',');
    for (const h of ['authorization', 'authorization-extras', 'content-type', 'x-namespace']) {
      assert.ok(allowed.includes(h), `${h} is allowed`);
    }
    const other = await preflight('https://evil.example');
    assert.equal(other.statusCode, 403);
    assert.equal(other.headers['access-control-allow-origin'], undefined);
    assert.equal(other.headers['access-control-allow-credentials'], undefined);
  });

  it('lets headless Chromium make the Web UI’s credentialed cross-origin call and read the answers', async () => {
    // First, before anything listens: without Chromium the test fails at once and leaves nothing open.
    const executablePath = chromiumPath();
    const apiPort = await freePort();
    await stack.app.listen({ host: '127.0.0.1', port: apiPort });
    const page = (_req: unknown, res: { end: (body: string) => void }) => res.end('<!doctype html><title>ui</title>');
    const servers: Server[] = [createServer(page), createServer(page)];
    const otherOrigin = `http://127.0.0.1:${await freePort()}`;
    await Promise.all(
      [pageOrigin, otherOrigin].map(
        (origin, i) => new Promise<void>((done) => servers[i]!.listen(Number(new URL(origin).port), '127.0.0.1', done)),
      ),
    );
    const browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      // What the UI's codeServerRequest does with passAccessToken and includeCredentials on.
      const callFrom = async (origin: string, token: string) => {
        const tab = await browser.newPage();
        await tab.goto(`${origin}/`);
        const result = await tab.evaluate(
          async ({ url, token, idToken, body }) => {
            try {
              const res = await fetch(url, {
                method: 'POST',
                credentials: 'include',
                headers: {
                  'Content-Type': 'application/json',
                  'X-Namespace': 'default',
                  Authorization: `Bearer ${token}`,
                  'Authorization-Extras': idToken,
                },
                body,
              });
              return { status: res.status, body: await res.text() };
            } catch (error) {
              return { status: 0, body: String(error) };
            }
          },
          {
            url: `http://127.0.0.1:${apiPort}/codec/decode?preserveStorageRefs=true`,
            token,
            idToken: await uiToken({ aud: 'temporal-ui' }),
            body: JSON.stringify({ payloads: [encryptedInput] }),
          },
        );
        await tab.close();
        return result;
      };
      const allowed = await callFrom(pageOrigin, await uiToken());
      assert.equal(allowed.status, 200, allowed.body);
      const data = (JSON.parse(allowed.body) as Json).payloads[0].data as string;
      assert.equal(JSON.parse(Buffer.from(data, 'base64').toString()).source.path, repo);
      // A refusal reaches the page as a status (the UI then shows the payloads undecoded).
      const refused = await callFrom(pageOrigin, await uiToken({ groups: ['staff'] }));
      assert.equal(refused.status, 403, refused.body);
      // Another origin gets nothing it can read: the browser blocks the call.
      const elsewhere = await callFrom(otherOrigin, await uiToken());
      assert.equal(elsewhere.status, 0, elsewhere.body);
      assert.match(elsewhere.body, /TypeError/);
    } finally {
      await browser.close();
      await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
    }
  });

  it('answers 401 for every token it does not accept', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ iss: uiIssuer, aud: uiAudience, sub: 'alice', groups: ['reviewflow-admins'], exp: now + 300 }),
    ).toString('base64url')}.`;
    const cases: Array<[string, string | undefined]> = [
      ['no token', undefined],
      ['wrong issuer', await uiToken({ iss: 'https://evil.example.com' })],
      ['wrong audience', await uiToken({ aud: 'temporal-ui' })],
      ['expired', await uiToken({}, { expiresIn: '-2m' })],
      ['unsigned (alg none)', unsigned],
      ['signed with another key', await uiToken({}, { signWith: otherKey })],
      [
        'HMAC with a made-up secret',
        await new SignJWT({ groups: ['reviewflow-admins'] })
          .setProtectedHeader({ alg: 'HS256', kid: 'ui' })
          .setIssuer(uiIssuer)
          .setAudience(uiAudience)
          .setSubject('alice')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('x'.repeat(32))),
      ],
      ['no subject', await uiToken({ sub: '' })],
      [
        'no expiry',
        await new SignJWT({ sub: 'alice', groups: ['reviewflow-admins'] })
          .setProtectedHeader({ alg: 'RS256', kid: 'ui' })
          .setIssuer(uiIssuer)
          .setAudience(uiAudience)
          .sign(uiKey),
      ],
      ['garbage', 'eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln'],
    ];
    for (const [what, token] of cases) {
      const res = await decode(token, [encryptedInput]);
      assertProblem(res, 401, what);
      assert.match(String(res.headers['www-authenticate']), /^Bearer/, what);
    }
  });

  it('answers 403 for a valid token of a user the rule does not allow', async () => {
    const cases: Array<[string, JWTPayload]> = [
      ['other groups', { groups: ['staff'] }],
      ['no groups claim', { groups: undefined }],
      ['groups not a list of strings', { groups: { 'reviewflow-admins': true } }],
      ['a near miss', { groups: ['reviewflow-admins-old', 'Reviewflow-Admins'] }],
    ];
    for (const [what, claims] of cases) {
      const res = await decode(await uiToken(claims), [encryptedInput]);
      assertProblem(res, 403, what);
      assert.equal(res.json().requiredScope, 'history:read', what);
    }
    // A single string claim counts as well as a list.
    const single = await decode(await uiToken({ groups: 'reviewflow-operators' }), [encryptedInput]);
    assert.equal(single.statusCode, 200, single.body);
  });

  it('never lets a Web UI token encode', async () => {
    const plain = { metadata: { encoding: b64(Buffer.from('json/plain')) }, data: b64(Buffer.from('"forged"')) };
    const res = await stack.app.inject({
      method: 'POST',
      url: '/codec/encode',
      payload: { payloads: [plain] },
      headers: { authorization: `Bearer ${await uiToken()}`, origin: uiOrigin, 'x-namespace': 'default' },
    });
    assertProblem(res, 403, 'encode');
    assert.equal(res.json().requiredScope, 'admin');
    assert.ok(!res.body.includes('binary/encrypted'));
    // The admin key still can: the refusal is about the token, not the route.
    const admin = await stack.app.inject({
      method: 'POST',
      url: '/codec/encode',
      payload: { payloads: [plain] },
      headers: { authorization: `Bearer ${testApiKey}` },
    });
    assert.equal(admin.statusCode, 200, admin.body);
  });

  it('keeps CI tokens and Web UI tokens to their own routes', async () => {
    const ciToken = await new SignJWT({ repository: 'acme/api', groups: ['reviewflow-admins'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'ci' })
      .setIssuer(ciIssuer)
      .setAudience(ciAudience)
      .setSubject('repo:acme/api:ref:refs/heads/main')
      .setExpirationTime('5m')
      .sign(ciKey);
    const reviews = (token: string) =>
      stack.app.inject({ method: 'GET', url: '/reviews', headers: { authorization: `Bearer ${token}` } });
    // The CI token is good on the review routes...
    assert.equal((await reviews(ciToken)).statusCode, 200);
    // ...and worth nothing on the codec endpoint.
    assertProblem(await decode(ciToken, [encryptedInput]), 401, 'CI token on the codec');
    // The Web UI token decodes, and is worth nothing on the review routes.
    const token = await uiToken();
    assert.equal((await decode(token, [encryptedInput])).statusCode, 200);
    const refused = await reviews(token);
    assert.equal(refused.statusCode, 401, refused.body);
    assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
  });

  it('reads the rule and refuses partial or unsafe settings at boot', () => {
    const codecs = dataConverterOf(keys).payloadCodecs;
    const settings = (extra: Record<string, string | undefined>): CodecEndpointSettings | undefined =>
      codecEndpointOf(loadApiConfig({ ...env, ...extra }), codecs);
    assert.deepEqual(settings({ REVIEWFLOW_CODEC_OIDC_ALLOWED: 'email=a@x.example,b@y.example' })?.oidc?.allowed, {
      claim: 'email',
      values: ['a@x.example', 'b@y.example'],
    });
    assert.deepEqual(parseAllowedClaim('https://example.com/roles=codec reader'), {
      claim: 'https://example.com/roles',
      values: ['codec reader'],
    });
    assert.throws(() => settings({ REVIEWFLOW_CODEC_OIDC_AUDIENCE: undefined }), /REVIEWFLOW_CODEC_OIDC_AUDIENCE/);
    assert.throws(() => settings({ REVIEWFLOW_CODEC_OIDC_JWKS_FILE: join(dir, 'missing.json') }), /JWKS/);
    assert.throws(() => settings({ HOST: '127.0.0.1', REVIEWFLOW_CODEC_AUTH: 'none' }), /api-key/);
    for (const rule of ['groups', 'groups=', '=admins', 'groups=a,,b', 'my groups=a']) {
      assert.throws(() => settings({ REVIEWFLOW_CODEC_OIDC_ALLOWED: rule }), /REVIEWFLOW_CODEC_OIDC_ALLOWED/, rule);
    }
    // An issuer's word that the address is unverified outweighs the address.
    const byEmail = parseAllowedClaim('email=a@x.example');
    assert.equal(claimAllows(byEmail, { email: 'a@x.example' }), true);
    assert.equal(claimAllows(byEmail, { email: 'a@x.example', email_verified: true }), true);
    assert.equal(claimAllows(byEmail, { email: 'a@x.example', email_verified: false }), false);
    assert.equal(claimAllows(byEmail, { email: 'b@x.example' }), false);
  });
});
