import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { findProjectRoot, freePort, hasExited, isPortFree, stopChildProcess } from '@reviewflow/devkit';
import { parse as parseYaml } from 'yaml';

type Json = Record<string, any>;
const root = findProjectRoot();

// `npm run prometheus` as a person runs it, except on free ports: a developer's own stack may hold
// 3000/9464/9465 and Prometheus's 9090, so the targets of the README's configuration are moved to
// ports nobody listens on (prometheus.yml itself is checked by promtool and the provisioning test).
describe('npm run prometheus', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'reviewflow-run-prometheus-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('runs Prometheus with the local configuration and alert rules, keeps its data, and stops on SIGTERM', async () => {
    const config = parseYaml(readFileSync(path.join(root, 'scripts/observability/prometheus.yml'), 'utf8')) as Json;
    for (const job of config.scrape_configs as Json[])
      job.static_configs = [{ targets: [`127.0.0.1:${await freePort()}`] }];
    config.rule_files = [path.join(root, 'helm/reviewflow/files/prometheus-rules.yaml')];
    writeFileSync(path.join(dir, 'prometheus.yml'), JSON.stringify(config));
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        '--conditions=reviewflow-source',
        '--import',
        'tsx',
        'scripts/observability/run-prometheus.ts',
        `--web.listen-address=127.0.0.1:${port}`,
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
      ],
      {
        cwd: root,
        env: { ...process.env, REVIEWFLOW_DATA_DIR: path.join(dir, 'data') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => lines.push(line));
    }
    try {
      const url = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 30_000;
      for (;;) {
        assert.ok(!hasExited(child), `exited:\n${lines.join('\n')}`);
        const ready = await fetch(`${url}/-/ready`).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        assert.ok(Date.now() < deadline, `not ready within 30 s:\n${lines.join('\n')}`);
        await sleep(200);
      }
      const flags = ((await (await fetch(`${url}/api/v1/status/flags`)).json()) as Json).data as Json;
      assert.equal(flags['storage.tsdb.path'], path.join(dir, 'data', 'prometheus'), 'data under the data folder');
      const rules = ((await (await fetch(`${url}/api/v1/rules`)).json()) as Json).data.groups as Json[];
      assert.ok(rules.flatMap((g) => g.rules as Json[]).length >= 5, 'the alert rules are loaded');
      const status = ((await (await fetch(`${url}/api/v1/status/config`)).json()) as Json).data.yaml as string;
      assert.deepEqual(
        (parseYaml(status) as Json).scrape_configs.map((c: Json) => c.job_name),
        ['reviewflow-api', 'reviewflow-worker-cpu', 'reviewflow-worker-gpu'],
      );
      const printed = lines.join('\n');
      assert.match(printed, /docker run .*grafana\/grafana/, 'prints how to start Grafana');
      assert.match(printed, /http:\/\/127\.0\.0\.1:3001\/d\/reviewflow-overview/);

      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 0, lines.slice(-5).join('\n'));
      await sleep(200);
      assert.ok(await isPortFree(port, '127.0.0.1'), 'prometheus stopped with it');
      assert.ok(existsSync(path.join(dir, 'data', 'prometheus')));
    } finally {
      if (!hasExited(child)) await stopChildProcess(child, { graceMs: 5_000 });
    }
  });
});
