import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
type Json = Record<string, any>;

const finite = (value: unknown, what: string): number => {
  assert.equal(typeof value, 'number', `${what} is a number`);
  assert.ok(Number.isFinite(value), `${what} is finite: ${String(value)}`);
  return value as number;
};

/**
 * `npm run bench -- --smoke`: the whole benchmark with tiny counts (its own Temporal server and
 * stack), checking that every section is measured and sane, not that any target is met.
 */
describe('npm run bench --smoke', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'reviewflow-bench-smoke-'));
  after(() => rmSync(out, { recursive: true, force: true }));

  it('measures every section and writes the table, JSON and chart', () => {
    const run = spawnSync(
      process.execPath,
      ['--conditions=reviewflow-source', '--import', 'tsx', 'scripts/bench/run-bench.ts', '--smoke', '--out', out],
      { cwd: root, encoding: 'utf8', timeout: 240_000 },
    );
    assert.equal(run.status, 0, `bench exited ${run.status}:\n${run.stdout}\n${run.stderr.slice(-4000)}`);
    assert.match(run.stdout, /figures, \d+ targets? missed, 0 failed phases/);

    const report = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as Json;
    assert.deepEqual(report.errors, []);

    const fanOut = report.fanOut;
    assert.deepEqual(
      fanOut.byK.map((s: Json) => s.k),
      [1, 2],
    );
    // 2 rounds × 2 K × (batched, one activity per chunk).
    assert.equal(fanOut.runs.length, 8);
    for (const r of fanOut.runs) {
      const label = `K=${r.k}, ${r.chunksPerActivity} per activity`;
      assert.equal(r.peakInFlight, r.k, `peak in flight at ${label}`);
      assert.ok(finite(r.efficiency, 'efficiency') > 0.2 && r.efficiency <= 1.05, `efficiency ${r.efficiency}`);
      assert.ok(r.events >= r.expectedEvents.min && r.events <= r.expectedEvents.max, `events ${r.events}`);
      // 4 chunks: one batch per lane when batched, else one activity each.
      assert.equal(r.chunkActivities, r.chunksPerActivity === 1 ? 4 : r.k, `activities at ${label}`);
      // Where the time went: batches have gaps between their chunks, single-chunk activities hand over.
      assert.ok(finite(r.loss.startSkewMs, 'start skew') >= 0);
      if (r.chunksPerActivity === 1) assert.ok(finite(r.loss.handOverMs, 'hand-over') > 0);
      else assert.ok(finite(r.loss.inBatchGapMs, 'gap in a batch') >= 0);
    }
    for (const s of fanOut.byK) {
      for (const mode of ['batched', 'perChunk']) {
        assert.equal(s[mode].values.length, 2, `K=${s.k} ${mode}: one figure per round`);
        finite(s[mode].median, `K=${s.k} ${mode} median`);
      }
    }
    assert.ok(fanOut.scheduleToStart.metrics.count > 0, 'schedule-to-start observed by the SDK metrics');
    finite(fanOut.scheduleToStart.metrics.p99, 'schedule-to-start p99 (metrics)');
    finite(fanOut.scheduleToStart.history.p99, 'schedule-to-start p99 (history)');

    // Against the SDK's own calls and against Temporal's HTTP API: every figure is a median over
    // the rounds, with its spread.
    for (const against of ['gateway', 'peer']) {
      for (const name of ['starts', 'reads', 'approvals']) {
        const side = report[against][name];
        assert.ok(side, `${against} ${name} measured`);
        assert.equal(side.rounds, 2);
        assert.deepEqual(
          side.throughput.map((t: Json) => t.callers),
          [1, 4],
        );
        for (const t of side.throughput) {
          assert.equal(t.ratio.values.length, 2);
          assert.ok(t.ratio.min <= t.ratio.median && t.ratio.median <= t.ratio.max, `${name} ratio spread`);
          assert.ok(finite(t.ratio.median, `${against} ${name} ratio`) > 0);
          assert.ok(finite(t.peerPerSec.median, `${against} ${name} other side's calls/s`) > 0);
        }
        assert.ok(finite(side.p50Ms.api.median, `${against} ${name} api p50`) > 0);
        assert.ok(finite(side.p50Ms.peer.median, `${against} ${name} other side's p50`) > 0);
        finite(side.addedP50Ms.median, `${against} ${name} added p50`);
        finite(side.addedP99Ms.median, `${against} ${name} added p99`);
      }
    }
    assert.ok(report.apiPeakRssBytes > 20 * 1024 * 1024, 'API resident size sampled');
    const events = report.gatewayReviewEvents;
    assert.ok(events.events >= events.expected.min && events.events <= events.expected.max);
    assert.ok(report.idleGrowth.afterBytes > 0 && report.idleGrowth.count > 0);
    finite(report.idleGrowth.perWorkflowBytes, 'growth per idle workflow');
    assert.ok(finite(report.metricsOverhead.ratio, 'metrics on/off') > 0);
    assert.equal(report.metricsOverhead.rounds.length, 4);
    assert.ok(report.soak.points.length >= 1 && report.soak.points.every((p: Json) => p.bytes > 0));
    assert.ok(report.figures.length > 20);

    assert.match(readFileSync(path.join(out, 'chart.svg'), 'utf8'), /^<svg [^>]*>[\s\S]*<rect[\s\S]*<\/svg>$/);
    assert.match(readFileSync(path.join(out, 'table.txt'), 'utf8'), /^group\s+figure\s+value\s+target/);
  });
});
