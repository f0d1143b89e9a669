import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The stack's error lines and exit notices, which say why a check failed. */
function troubleIn(out: string): string {
  const lines = existsSync(path.join(out, 'stack.log'))
    ? readFileSync(path.join(out, 'stack.log'), 'utf8').split('\n')
    : ['(no stack.log)'];
  return lines
    .filter((line) => /"level":(50|60)|exited with|Error|panic/.test(line))
    .slice(-40)
    .map((line) => line.slice(0, 600))
    .join('\n');
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
type Json = Record<string, any>;

/**
 * `npm run chaos -- --short`: the chaos run CI affords (a few GitHub pull-request reviews, one
 * worker-cpu SIGKILL and one Temporal restart on the same SQLite file), through the same command
 * and checks as the full run. The command must pass, and its results must show that the faults
 * really struck reviews in flight and that every check looked at something.
 */
describe('npm run chaos --short', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'reviewflow-chaos-smoke-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('completes every review exactly once through a worker-cpu kill and a Temporal restart', () => {
    const run = spawnSync(
      process.execPath,
      ['--conditions=reviewflow-source', '--import', 'tsx', 'scripts/chaos/run-chaos.ts', '--short', '--out', out],
      { cwd: root, encoding: 'utf8', timeout: 240_000 },
    );
    assert.equal(
      run.status,
      0,
      `chaos exited ${run.status}:\n${run.stdout}\n${run.stderr.slice(-4000)}\nstack.log:\n${troubleIn(out)}`,
    );
    assert.match(
      run.stdout,
      /^chaos: 10 reviews, 10 completed, 0 lost, 0 duplicate side effects, 0 5xx outside the API restart window \(\d+ 503 while Temporal restarted; 1 worker-cpu kill, 1 Temporal restart; longest wait on a fault \d+\.\d s \((worker-cpu|temporal)\)\) in \d+ s: PASS$/m,
    );

    const result = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Json;
    const checks = result.checks as Json;
    assert.deepEqual(checks.failures, []);
    assert.deepEqual(
      result.faults.map((f: Json) => f.fault),
      ['worker-cpu', 'temporal'],
    );
    for (const fault of result.faults as Json[]) {
      assert.ok(fault.inFlight > 0, `${fault.fault} struck reviews in flight: ${JSON.stringify(fault.stages)}`);
      assert.ok(fault.recoveredMs >= fault.atMs);
    }
    // Every review is a GitHub pull request review that ran once and published once.
    assert.equal(result.reviews.length, 10);
    for (const review of result.reviews as Json[]) {
      assert.equal(review.status, 'completed', JSON.stringify(review));
      assert.match(review.id, /^review:github:acme:chaos:\d+@[0-9a-f]{12}$/);
    }
    assert.deepEqual(checks.temporal.executions, { COMPLETED: 10 });
    assert.deepEqual(checks.temporal.notOneRun, []);
    assert.equal(checks.sideEffects.duplicateReviews, 0);
    assert.equal(checks.sideEffects.missingReviews, 0);
    assert.equal(checks.sideEffects.duplicateComments, 0);
    assert.equal(checks.sideEffects.missingReports, 0);
    // Clients polled throughout, so the HTTP check judged real traffic, including the Temporal window.
    assert.ok(checks.http.requests > 10 * 3, `only ${checks.http.requests} requests`);
    assert.ok(checks.http.inTemporalWindow > 0, 'clients kept calling while Temporal restarted');
  });
});
