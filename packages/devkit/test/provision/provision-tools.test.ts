import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { provisionTools } from '@reviewflow/devkit';

test('found tools come back as their override variables', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'devkit-provision-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(path.join(dir, 'bin'));
  for (const name of ['prometheus', 'promtool']) {
    await writeFile(path.join(dir, 'bin', name), '#!/bin/sh\nexit 0\n');
    await chmod(path.join(dir, 'bin', name), 0o755);
  }
  const result = await provisionTools(['prometheus', 'promtool'], { env: { PATH: path.join(dir, 'bin') } });
  assert.deepEqual(result, {
    env: { PROMETHEUS_PATH: path.join(dir, 'bin/prometheus'), PROMTOOL_PATH: path.join(dir, 'bin/promtool') },
    missing: [],
  });
});

test('REVIEWFLOW_PROVISION=0 installs nothing and returns what each test will fail with', async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'devkit-provision-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const lines: string[] = [];
  const result = await provisionTools(['chromium', 'helm', 'hadolint'], {
    projectRoot: root,
    env: { PATH: '', REVIEWFLOW_PROVISION: '0' },
    log: (line) => lines.push(line),
  });
  assert.deepEqual(result.env, {});
  assert.deepEqual(
    result.missing.map((m) => m.tool),
    ['chromium', 'helm', 'hadolint'],
  );
  assert.match(lines[0]!, /REVIEWFLOW_PROVISION=0: not installing chromium, helm, hadolint/);
  assert.match(result.missing[0]!.message, /Debian package chromium/);
});

test('without apt-get or go on PATH it says why it installs nothing, and does not throw', async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'devkit-provision-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const lines: string[] = [];
  const result = await provisionTools(['chromium', 'helm'], {
    projectRoot: root,
    env: { PATH: '' },
    log: (line) => lines.push(line),
  });
  assert.deepEqual(
    result.missing.map((m) => m.tool),
    ['chromium', 'helm'],
  );
  const text = lines.join('\n');
  assert.match(text, /not installing the Debian package chromium: (no apt-get on PATH|not running as root)/);
  assert.match(text, /not installing helm: no go on PATH/);
});
