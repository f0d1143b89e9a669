import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { LivenessFileProperties, startLivenessFile } from '../src/liveness-file.js';
import { parseEnvConfig } from '../src/parse-env-config.js';
import { Type } from 'typebox';

describe('startLivenessFile', () => {
  it('writes the file at once and keeps rewriting it until stopped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'reviewflow-liveness-'));
    try {
      const file = path.join(dir, 'alive');
      const stop = startLivenessFile(file, 20);
      const first = readFileSync(file, 'utf8');
      assert.ok(!Number.isNaN(Date.parse(first.trim())), `an ISO time, got ${first}`);
      await sleep(80);
      const second = readFileSync(file, 'utf8');
      assert.notEqual(second, first, 'rewritten after a few intervals');
      stop();
      const stoppedAt = statSync(file).mtimeMs;
      await sleep(80);
      assert.equal(statSync(file).mtimeMs, stoppedAt, 'no beat after stop');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails at once when the file cannot be written', () => {
    assert.throws(() => startLivenessFile(path.join(tmpdir(), 'no-such-dir-reviewflow', 'alive')), /ENOENT/);
  });

  it('is optional in a worker config', () => {
    const Schema = Type.Object({ ...LivenessFileProperties });
    assert.deepEqual(parseEnvConfig(Schema, {}), {});
    assert.deepEqual(parseEnvConfig(Schema, { LIVENESS_FILE: '/tmp/alive' }), { LIVENESS_FILE: '/tmp/alive' });
  });
});
