import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { findTemporalCli, findTestServer } from '@reviewflow/devkit';

test('TEMPORAL_CLI_PATH wins when it names an executable file', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'devkit-find-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const fake = path.join(dir, 'temporal');
  await writeFile(fake, '#!/bin/sh\nexit 0\n');
  await chmod(fake, 0o755);
  const messages: string[] = [];

  const found = await findTemporalCli({ env: { TEMPORAL_CLI_PATH: fake, PATH: '' }, log: (m) => messages.push(m) });
  assert.deepEqual(found, { kind: 'existing-path', path: fake, source: 'env' });
  assert.match(messages.join('\n'), /TEMPORAL_CLI_PATH/);
});

test('a TEMPORAL_CLI_PATH that does not exist is an error, not a silent fallback', async () => {
  await assert.rejects(
    findTemporalCli({ env: { TEMPORAL_CLI_PATH: '/nonexistent/temporal' } }),
    /TEMPORAL_CLI_PATH.*\/nonexistent\/temporal/,
  );
});

test('a TEMPORAL_TEST_SERVER_PATH that does not exist is an error', async () => {
  await assert.rejects(
    findTestServer({ env: { TEMPORAL_TEST_SERVER_PATH: '/nonexistent/tts' } }),
    /TEMPORAL_TEST_SERVER_PATH/,
  );
});

test('a working binary on PATH is used, a broken shim on PATH is skipped', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'devkit-find-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const broken = path.join(dir, 'broken');
  const working = path.join(dir, 'working');
  for (const [folder, body] of [
    [broken, 'exit 127'],
    [working, 'exit 0'],
  ] as const) {
    await import('node:fs/promises').then((fs) => fs.mkdir(folder));
    await writeFile(path.join(folder, 'temporal'), `#!/bin/sh\n${body}\n`);
    await chmod(path.join(folder, 'temporal'), 0o755);
  }
  const found = await findTemporalCli({ env: { PATH: [broken, working].join(path.delimiter) }, log: () => {} });
  assert.deepEqual(found, { kind: 'existing-path', path: path.join(working, 'temporal'), source: 'path' });
});
