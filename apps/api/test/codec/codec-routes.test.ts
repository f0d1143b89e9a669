import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { dataConverterOf } from '@reviewflow/config';
import { addCommit } from '@reviewflow/devkit';
import { hashApiKey } from '../../src/auth/hash-api-key.js';
import { codecEndpointOf } from '../../src/codec/codec-endpoint-of.js';
import { loadApiConfig } from '../../src/config.js';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';
import { b64, encryptedReviewInput, type PayloadJson } from './encrypted-review-input.js';

const historyKey = 'history-reader-key-5d1c';
const ciKey = 'ci-reader-key-0b7a';
const uiOrigin = 'http://temporal-ui.example:8233';
const keys = { REVIEWFLOW_PAYLOAD_KEYS: `k1:${randomBytes(32).toString('base64')}` };

// The Temporal Web UI's view of the codec endpoint: real ciphertext from a real history goes in,
// plaintext comes out, for the right caller and the right browser origin only.
describe('codec endpoint (Temporal remote codec protocol) against a real history', () => {
  let stack: TestStack;
  let repo: string;
  let encryptedInput: PayloadJson;
  const marker = `codec-marker-${randomBytes(4).toString('hex')}`;

  before(async () => {
    stack = await startTestStack({
      payloadKeys: keys,
      app: {
        apiKeys: [
          testApiKey,
          { name: 'history', sha256: hashApiKey(historyKey), scopes: ['history:read'] },
          { name: 'ci', sha256: hashApiKey(ciKey), scopes: ['reviews:read', 'reviews:write'] },
        ],
        codecEndpoint: { codecs: dataConverterOf(keys).payloadCodecs ?? [], corsOrigins: [uiOrigin], auth: 'api-key' },
      },
    });
    repo = stack.plantedRepo();
    addCommit(repo, { [`src/${marker}.js`]: 'console.log("x");\n' });
    encryptedInput = await encryptedReviewInput(stack, repo);
  });
  after(async () => {
    await stack?.stop();
  });

  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    stack.app.inject({
      method: 'POST',
      url,
      payload: payload as object,
      headers: { 'content-type': 'application/json', ...headers },
    });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it('decodes ciphertext from the history into the plaintext payload', async () => {
    assert.equal(Buffer.from(encryptedInput.metadata.encoding, 'base64').toString(), 'binary/encrypted');
    assert.ok(!Buffer.from(encryptedInput.data, 'base64').includes(repo), 'the stored input is ciphertext');
    const res = await post(
      '/codec/decode',
      { payloads: [encryptedInput] },
      { ...bearer(historyKey), 'x-namespace': 'default' },
    );
    assert.equal(res.statusCode, 200, res.body);
    const [payload] = res.json().payloads;
    assert.equal(Buffer.from(payload.metadata.encoding, 'base64').toString(), 'json/plain');
    const input = JSON.parse(Buffer.from(payload.data, 'base64').toString());
    assert.equal(input.source.path, repo);
  });

  it('passes plain payloads through and round-trips encode for admin', async () => {
    const plain = { metadata: { encoding: b64(Buffer.from('json/plain')) }, data: b64(Buffer.from('"hello"')) };
    const encoded = await post('/codec/encode', { payloads: [plain] }, bearer(testApiKey));
    assert.equal(encoded.statusCode, 200, encoded.body);
    const cipher = encoded.json().payloads[0];
    assert.equal(Buffer.from(cipher.metadata.encoding, 'base64').toString(), 'binary/encrypted');
    const decoded = await post('/codec/decode', encoded.json(), bearer(historyKey));
    assert.deepEqual(decoded.json(), { payloads: [plain] });
    const passed = await post('/codec/decode', { payloads: [plain] }, bearer(historyKey));
    assert.deepEqual(passed.json(), { payloads: [plain] });
  });

  it('needs a key (401) with history:read (403 otherwise); encode needs admin', async () => {
    const none = await post('/codec/decode', { payloads: [encryptedInput] });
    assert.equal(none.statusCode, 401);
    assert.match(String(none.headers['content-type']), /^application\/problem\+json/);
    const wrong = await post('/codec/decode', { payloads: [encryptedInput] }, bearer('not-a-key-at-all'));
    assert.equal(wrong.statusCode, 401);
    const ci = await post('/codec/decode', { payloads: [encryptedInput] }, bearer(ciKey));
    assert.equal(ci.statusCode, 403);
    assert.equal(ci.json().requiredScope, 'history:read');
    assert.ok(!ci.body.includes(repo));
    const encode = await post('/codec/encode', { payloads: [] }, bearer(historyKey));
    assert.equal(encode.statusCode, 403);
    assert.equal(encode.json().requiredScope, 'admin');
  });

  it('answers the Web UI preflight for allowed origins only', async () => {
    const preflight = (origin: string) =>
      stack.app.inject({
        method: 'OPTIONS',
        url: '/codec/decode',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace,authorization',
        },
      });
    const ok = await preflight(uiOrigin);
    assert.equal(ok.statusCode, 204);
    assert.equal(ok.headers['access-control-allow-origin'], uiOrigin);
    assert.equal(ok.headers['access-control-allow-methods'], 'POST');
    assert.equal(
      ok.headers['access-control-allow-headers'],
      'content-type,x-namespace,authorization,authorization-extras',
    );
    assert.equal(ok.headers['access-control-allow-credentials'], 'true');
    const evil = await preflight('https://evil.example');
    assert.equal(evil.statusCode, 403);
    assert.equal(evil.headers['access-control-allow-origin'], undefined);
    assert.match(String(evil.headers['content-type']), /^application\/problem\+json/);

    // The actual call, and its refusal, are readable by the allowed origin; others get no grant.
    const call = await post(
      '/codec/decode',
      { payloads: [encryptedInput] },
      { ...bearer(historyKey), origin: uiOrigin },
    );
    assert.equal(call.statusCode, 200);
    assert.equal(call.headers['access-control-allow-origin'], uiOrigin);
    const refused = await post('/codec/decode', { payloads: [] }, { origin: uiOrigin });
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.headers['access-control-allow-origin'], uiOrigin);
    const other = await post(
      '/codec/decode',
      { payloads: [encryptedInput] },
      { ...bearer(historyKey), origin: 'https://evil.example' },
    );
    assert.equal(other.headers['access-control-allow-origin'], undefined);
  });

  it('answers bad bodies with 4xx problems', async () => {
    const auth = bearer(historyKey);
    const tampered = {
      ...encryptedInput,
      data: b64(Buffer.from(encryptedInput.data, 'base64').map((b, i) => (i === 20 ? b ^ 1 : b))),
    };
    const cases: Array<[string, unknown, Record<string, string>, number]> = [
      ['not JSON', '{"payloads": [', {}, 400],
      ['payloads not an array', { payloads: 'x' }, {}, 400],
      ['no payloads', {}, {}, 400],
      ['unknown field', { payloads: [], extra: 1 }, {}, 400],
      ['data not base64', { payloads: [{ data: 'not base64!' }] }, {}, 400],
      ['metadata not base64', { payloads: [{ metadata: { encoding: '%%' } }] }, {}, 400],
      ['another namespace', { payloads: [encryptedInput] }, { 'x-namespace': 'other' }, 400],
      ['tampered ciphertext', { payloads: [tampered] }, {}, 422],
      [
        'unknown key id',
        {
          payloads: [
            {
              ...encryptedInput,
              metadata: { ...encryptedInput.metadata, 'encryption-key-id': b64(Buffer.from('k9')) },
            },
          ],
        },
        {},
        422,
      ],
    ];
    for (const [what, body, headers, status] of cases) {
      const res = await post('/codec/decode', body, { ...auth, ...headers });
      assert.equal(res.statusCode, status, `${what}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, what);
    }
    const text = await stack.app.inject({
      method: 'POST',
      url: '/codec/decode',
      payload: 'x',
      headers: { ...auth, 'content-type': 'text/plain' },
    });
    assert.equal(text.statusCode, 400);
    assert.match(String(text.headers['content-type']), /^application\/problem\+json/);
  });

  it('is not served without payload encryption', async () => {
    const app = await stack.buildApp();
    const res = await app.inject({
      method: 'POST',
      url: '/codec/decode',
      payload: { payloads: [] },
      headers: bearer(testApiKey),
    });
    assert.equal(res.statusCode, 404);
    const env = { REVIEWFLOW_API_KEYS: testApiKey, ...keys };
    const codecs = dataConverterOf(keys).payloadCodecs;
    assert.equal(codecEndpointOf(loadApiConfig({ REVIEWFLOW_API_KEYS: testApiKey }), undefined), undefined);
    assert.deepEqual(
      codecEndpointOf(loadApiConfig({ ...env, REVIEWFLOW_CODEC_CORS_ORIGINS: `${uiOrigin},https://b.example` }), codecs)
        ?.corsOrigins,
      [uiOrigin, 'https://b.example'],
    );
    // An open endpoint decrypts for anyone: only on loopback.
    assert.equal(codecEndpointOf(loadApiConfig({ ...env, REVIEWFLOW_CODEC_AUTH: 'none' }), codecs)?.auth, 'none');
    assert.throws(
      () => codecEndpointOf(loadApiConfig({ ...env, REVIEWFLOW_CODEC_AUTH: 'none', HOST: '0.0.0.0' }), codecs),
      /loopback/,
    );
  });
});
