import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from '../../src/redact/redact-secrets.js';

describe('redactSecrets', () => {
  it('replaces values the offline secret rules detect and keeps names, line count and placeholders', () => {
    const text = [
      'const dbPassword = "s3cr3t-Pa55word!";',
      'const awsKey = "AKIA' + 'ABCDEFGHIJKLMNOP";',
      'headers.Authorization = "Bearer " + token; // github ghp_' + 'b'.repeat(36),
      'const password = process.env.DB_PASSWORD;',
      'const passwordHint = "ask the admin";',
      'let x = 1;',
    ].join('\n');
    const { text: out, redactions } = redactSecrets(text, 'src/db.ts');
    const lines = out.split('\n');
    assert.equal(lines.length, 6);
    assert.equal(lines[0], 'const dbPassword = "[REDACTED]";');
    assert.equal(lines[1], 'const awsKey = "[REDACTED]";');
    assert.match(lines[2]!, /github \[REDACTED\]$/);
    assert.equal(lines[3], 'const password = process.env.DB_PASSWORD;');
    assert.equal(lines[4], 'const passwordHint = "ask the admin";');
    assert.equal(redactions, 3);
  });

  it('replaces the body of a private key block, line by line, keeping the gutter a model sees', () => {
    const text = [
      '+    1 | -----BEGIN RSA PRIVATE KEY-----',
      '+    2 | MIIEowIBAAKCAQEA1234',
      '+    3 | +abcdEFGH5678',
      '+    4 | -----END RSA PRIVATE KEY-----',
      '+    5 | next',
    ].join('\n');
    const { text: out, redactions } = redactSecrets(text, 'key.pem');
    assert.deepEqual(out.split('\n'), [
      '+    1 | -----BEGIN RSA PRIVATE KEY-----',
      '+    2 | [REDACTED]',
      '+    3 | [REDACTED]',
      '+    4 | -----END RSA PRIVATE KEY-----',
      '+    5 | next',
    ]);
    assert.equal(redactions, 2);
  });

  it('reads bare values in env and YAML files, as the rules do', () => {
    const { text, redactions } = redactSecrets('API_TOKEN=abcd1234efgh5678\nDEBUG=true', '.env');
    assert.equal(text, 'API_TOKEN=[REDACTED]\nDEBUG=true');
    assert.equal(redactions, 1);
  });
});
