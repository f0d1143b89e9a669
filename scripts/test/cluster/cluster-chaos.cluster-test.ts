import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
type Json = Record<string, any>;

/**
 * `npm run chaos -- --cluster --short`, the cluster check CI affords: two replicas of the API,
 * worker-cpu and worker-gpu, each its own process, against the multi-process cluster over mTLS; a
 * few GitHub pull-request reviews while one history process is SIGKILLed and started again. Every
 * review completes, runs once and publishes once, whichever replica ran it.
 */
describe('npm run chaos -- --cluster --short', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'reviewflow-cluster-chaos-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('completes every review exactly once over mTLS through a history kill', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--conditions=reviewflow-source',
        '--import',
        'tsx',
        'scripts/chaos/run-chaos.ts',
        '--cluster',
        '--short',
        '--out',
        out,
      ],
      { cwd: root, encoding: 'utf8', timeout: 420_000 },
    );
    assert.equal(run.status, 0, `chaos exited ${run.status}:\n${run.stdout}\n${run.stderr.slice(-4000)}`);
    assert.match(
      run.stdout,
      /^chaos: 6 reviews, 6 completed, 0 lost, 0 duplicate side effects, 0 5xx outside the API restart window \(\d+ 503 while a Temporal process or PostgreSQL was down; 1 history kill and restart; longest wait on a fault \d+\.\d s \(history\)\) in \d+ s: PASS$/m,
    );
    const result = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Json;
    assert.deepEqual(result.checks.failures, []);
    assert.deepEqual(
      result.faults.map((f: Json) => [f.fault, f.target]),
      [['history', 'history-1']],
    );
    assert.ok(
      result.faults[0].inFlight > 0,
      `the kill struck reviews in flight: ${JSON.stringify(result.faults[0].stages)}`,
    );
    assert.deepEqual(result.checks.temporal.executions, { COMPLETED: 6 });
    assert.deepEqual(result.checks.temporal.notOneRun, []);
    assert.equal(result.checks.sideEffects.duplicateReviews, 0);
    assert.equal(result.checks.sideEffects.missingReviews, 0);
    assert.equal(result.checks.sideEffects.missingReports, 0);
    // Both API replicas answered: the client spread its calls over them.
    const stack = readFileSync(path.join(out, 'stack.log'), 'utf8');
    for (const name of [
      'api-1',
      'api-2',
      'worker-cpu-1',
      'worker-cpu-2',
      'worker-gpu-1',
      'worker-gpu-2',
      'history-1',
      'history-2',
      'matching-1',
      'matching-2',
      'frontend',
    ])
      assert.ok(stack.includes(`[${name}]`), `${name} ran and logged`);
    assert.ok(result.checks.http.inTemporalWindow > 0, 'clients kept calling while history-1 was down');
  });
});
