import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { findProjectRoot } from '@reviewflow/devkit';
import { findPrometheusTool } from '../../observability/find-prometheus-tool.js';

const root = findProjectRoot();
const rulesFile = 'helm/reviewflow/files/prometheus-rules.yaml';
const rulesTests = 'scripts/test/observability/prometheus-rules.test.yaml';

function promtool(...args: string[]): string {
  const result = spawnSync(findPrometheusTool('promtool'), args, { cwd: root, encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, `promtool ${args.join(' ')} failed:\n${output}`);
  return output;
}

describe('the Prometheus alert rules', () => {
  it('pass promtool check rules', () => {
    assert.match(promtool('check', 'rules', rulesFile), /SUCCESS: \d+ rules found/);
  });

  it('fire on unhealthy synthetic series and stay quiet on healthy ones (promtool test rules)', () => {
    assert.match(promtool('test', 'rules', rulesTests), /SUCCESS/);
  });

  it('each have a firing and a quiet case in the unit tests', () => {
    const alerts = [...readFileSync(`${root}/${rulesFile}`, 'utf8').matchAll(/^\s*- alert: (\w+)$/gm)].map(
      (m) => m[1]!,
    );
    assert.ok(alerts.length >= 5, `alerts: ${alerts.join(', ')}`);
    const cases = readFileSync(`${root}/${rulesTests}`, 'utf8')
      .split(/^\s*- eval_time:/m)
      .slice(1)
      .map((block) => ({
        alert: /alertname: (\w+)/.exec(block)?.[1],
        fires: !/exp_alerts: \[\]/.test(block),
      }));
    for (const alert of alerts) {
      assert.ok(
        cases.some((c) => c.alert === alert && c.fires),
        `${alert} has no test where it fires`,
      );
      assert.ok(
        cases.some((c) => c.alert === alert && !c.fires),
        `${alert} has no test where it stays quiet`,
      );
    }
  });

  it('load in the Prometheus configuration for the local stack (promtool check config)', () => {
    assert.match(promtool('check', 'config', 'scripts/observability/prometheus.yml'), /SUCCESS/);
  });
});
