import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Type } from 'typebox';
import { parseEnvConfig } from '../src/parse-env-config.js';
import { TemporalConnectionProperties, temporalConnectionOptions } from '../src/temporal-connection-config.js';

const Schema = Type.Object(TemporalConnectionProperties);

describe('temporalConnectionOptions', () => {
  it('connects in plain text to the local dev server by default', () => {
    assert.deepEqual(temporalConnectionOptions(parseEnvConfig(Schema, {})), { address: '127.0.0.1:7233' });
  });

  it('uses TLS with an API key (Temporal Cloud)', () => {
    const options = temporalConnectionOptions(
      parseEnvConfig(Schema, { TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'k' }),
    );
    assert.deepEqual(options, { address: 'ns.acct.tmprl.cloud:7233', tls: {}, apiKey: 'k' });
  });

  it('reads the mTLS pair from files and refuses half a pair', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reviewflow-tls-'));
    try {
      writeFileSync(join(dir, 'crt.pem'), 'CERT');
      writeFileSync(join(dir, 'key.pem'), 'KEY');
      const env = { TEMPORAL_TLS_CERT_PATH: join(dir, 'crt.pem'), TEMPORAL_TLS_KEY_PATH: join(dir, 'key.pem') };
      const options = temporalConnectionOptions(parseEnvConfig(Schema, env));
      assert.equal(options.tls?.clientCertPair?.crt.toString(), 'CERT');
      assert.equal(options.tls?.clientCertPair?.key.toString(), 'KEY');
      assert.throws(
        () => temporalConnectionOptions(parseEnvConfig(Schema, { TEMPORAL_TLS_CERT_PATH: env.TEMPORAL_TLS_CERT_PATH })),
        /together/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
