import { roundFigure, type RoundFigure, type RoundsComparison } from './compare-in-rounds.js';
import type { PeerFigures } from './measure-peer.js';
import type { FanOutFigures } from './measure-fan-out.js';
import type { FaultRun } from './measure-fault.js';
import type { MetricsOverhead } from './measure-metrics-overhead.js';
import type { IdleGrowth, Soak } from './measure-worker-memory.js';

/** Everything one benchmark run measured: the raw numbers written to results.json. */
export interface BenchReport {
  meta: {
    startedAt: string;
    durationMs: number;
    preset: string;
    node: string;
    cpus: number;
    cpuModel: string;
    /** 1-minute load average at start and end: how busy the machine was besides this run. */
    loadAverage: { start: number; end: number };
  };
  fanOut?: FanOutFigures;
  /** The gateway against the SDK's own calls from the bench's process, over alternating rounds. */
  gateway: PeerFigures;
  /** The gateway against Temporal's own HTTP API, over alternating rounds. */
  peer: PeerFigures;
  /** API resident size, peak while the gateway comparisons ran. */
  apiPeakRssBytes?: number;
  /** History length of a one-chunk review started through the API, against the expected range. */
  gatewayReviewEvents?: { events: number; expected: { min: number; max: number } };
  idleGrowth?: Omit<IdleGrowth, 'ids'>;
  metricsOverhead?: MetricsOverhead;
  soak?: Soak;
  fault?: FaultRun;
  /** Phases that failed, with their error; any makes the run exit non-zero. */
  errors: Array<{ phase: string; message: string }>;
}

/** One line of the table: a figure, its target, and whether it met it (undefined: no target). */
export interface Figure {
  group: string;
  name: string;
  value: number;
  unit: string;
  target: string;
  met: boolean | undefined;
  /** For the chart: value relative to its target as a ratio where 1 is the target (ratios only). */
  ratio?: { value: number; target: number };
}

const mb = (bytes: number): number => bytes / (1024 * 1024);
const spread = (f: RoundFigure, digits: number): string =>
  `median of ${f.values.length} rounds, ${f.min.toFixed(digits)}–${f.max.toFixed(digits)}`;

/** The figures of a report with their targets (issue 9's, or sensible ones where it names none). */
export function figuresOf(report: BenchReport): Figure[] {
  const figures: Figure[] = [];
  const add = (f: Figure): void => void figures.push(f);
  const comparisons = [
    // Issue 15's targets against Temporal's HTTP API; issue 9's against the SDK's own calls.
    { of: report.peer, peer: 'Temporal HTTP API', minRatio: 1.0, maxAddedP50: 2, maxAddedP99: undefined },
    { of: report.gateway, peer: 'the SDK', minRatio: 0.9, maxAddedP50: 5, maxAddedP99: 2 },
  ];
  for (const { of, peer, minRatio, maxAddedP50, maxAddedP99 } of comparisons) {
    for (const [key, label] of [
      ['starts', 'POST /reviews vs start'],
      ['approvals', 'POST /reviews/:id/approval vs update'],
      ['reads', 'GET /reviews/:id vs query'],
    ] as const) {
      const side: RoundsComparison | undefined = of[key];
      if (!side) continue;
      const group = `${label} (${peer})`;
      for (const t of side.throughput) {
        add({
          group,
          name: `throughput ratio, ${t.callers} caller${t.callers === 1 ? '' : 's'} (${t.apiPerSec.median.toFixed(1)} vs ${t.peerPerSec.median.toFixed(1)}/s; ${spread(t.ratio, 2)})`,
          value: t.ratio.median,
          unit: '×',
          target: `≥ ${minRatio.toFixed(1)}`,
          met: t.ratio.median >= minRatio,
          ratio: { value: t.ratio.median, target: minRatio },
        });
      }
      add({
        group,
        name: `added latency p50 (${side.p50Ms.api.median.toFixed(1)} vs ${side.p50Ms.peer.median.toFixed(1)} ms; ${spread(side.addedP50Ms, 1)})`,
        value: side.addedP50Ms.median,
        unit: 'ms',
        target: `≤ +${maxAddedP50}`,
        met: side.addedP50Ms.median <= maxAddedP50,
      });
      if (maxAddedP99 === undefined) continue;
      add({
        group,
        name: `added latency p99 (${side.p99Ms.api.median.toFixed(1)} vs ${side.p99Ms.peer.median.toFixed(1)} ms; ${spread(side.addedP99Ms, 1)})`,
        value: side.addedP99Ms.median,
        unit: 'ms',
        target: `≤ +${maxAddedP99}`,
        met: side.addedP99Ms.median <= maxAddedP99,
      });
    }
  }
  if (report.apiPeakRssBytes !== undefined) {
    const value = mb(report.apiPeakRssBytes);
    add({
      group: 'memory',
      name: 'API resident size, peak under load',
      value,
      unit: 'MB',
      target: '< 150',
      met: value < 150,
    });
  }
  if (report.fanOut) {
    const { runs, byK, chunksPerActivity } = report.fanOut;
    for (const { k, batched, perChunk } of byK) {
      const run = runs.find((r) => r.k === k)!;
      const ideal = `N=${run.chunks}, d=${run.durationMs} ms, ideal ${run.idealMs} ms`;
      add({
        group: 'fan-out',
        name: `efficiency K=${k}, ≤ ${chunksPerActivity} chunks per activity (${ideal}; ${spread(batched, 2)})`,
        value: batched.median,
        unit: '×',
        target: '>= 0.95',
        met: batched.median >= 0.95,
        ratio: { value: batched.median, target: 0.95 },
      });
      add({
        group: 'fan-out',
        name: `efficiency K=${k}, one activity per chunk (${spread(perChunk, 2)})`,
        value: perChunk.median,
        unit: '×',
        target: '—',
        met: undefined,
      });
    }
    for (const mode of [chunksPerActivity, 1]) {
      const of = runs.filter((r) => r.chunksPerActivity === mode);
      const label = mode === 1 ? 'one activity per chunk' : `≤ ${mode} chunks per activity`;
      for (const k of new Set(of.map((r) => r.k))) {
        const atK = of.filter((r) => r.k === k);
        for (const [part, pick] of [
          ['start skew of the first K activities', (r: (typeof runs)[number]) => r.loss.startSkewMs],
          ['gap between chunks of one activity, mean', (r: (typeof runs)[number]) => r.loss.inBatchGapMs],
          [
            `hand-over to the lane's next activity, mean of ${atK[0]!.loss.handOvers}`,
            (r: (typeof runs)[number]) => r.loss.handOverMs,
          ],
        ] as const) {
          const values = atK.map(pick).filter((v) => Number.isFinite(v));
          if (values.length === 0) continue;
          const f = roundFigure(values);
          add({
            group: 'fan-out',
            name: `lost at K=${k}, ${label}: ${part} (${spread(f, 1)})`,
            value: f.median,
            unit: 'ms',
            target: '—',
            met: undefined,
          });
        }
      }
      const peakOk = of.filter((r) => r.peakInFlight === Math.min(r.k, r.chunks)).length;
      add({
        group: 'fan-out',
        name: `runs whose peak in flight was exactly min(K, N), ${label}`,
        value: peakOk,
        unit: `of ${of.length}`,
        target: `== ${of.length}`,
        met: peakOk === of.length,
      });
      for (const k of new Set(of.map((r) => r.k))) {
        const atK = of.filter((r) => r.k === k);
        const events = roundFigure(atK.map((r) => r.events));
        const { min, max } = atK[0]!.expectedEvents;
        add({
          group: 'history',
          name: `events per review, ${atK[0]!.chunks} chunks in ${atK[0]!.chunkActivities} activities, K=${k}, ${label} (${spread(events, 0)})`,
          value: events.median,
          unit: '',
          target: `${min}..${max}`,
          met: atK.every((r) => r.events >= r.expectedEvents.min && r.events <= r.expectedEvents.max),
        });
      }
    }
    const s = report.fanOut.scheduleToStart;
    add({
      group: 'fan-out',
      name: `schedule-to-start p95, SDK metrics (${s.metrics.count} tasks)`,
      value: s.metrics.p95,
      unit: 'ms',
      target: '—',
      met: undefined,
    });
    add({
      group: 'fan-out',
      name: 'schedule-to-start p99, SDK metrics',
      value: s.metrics.p99,
      unit: 'ms',
      target: '< 200',
      met: s.metrics.p99 < 200,
    });
    add({
      group: 'fan-out',
      name: `schedule-to-start p95, history (${s.history.count} chunk-review activities)`,
      value: s.history.p95,
      unit: 'ms',
      target: '—',
      met: undefined,
    });
    add({
      group: 'fan-out',
      name: 'schedule-to-start p99, history',
      value: s.history.p99,
      unit: 'ms',
      target: '< 200',
      met: s.history.p99 < 200,
    });
  }
  if (report.gatewayReviewEvents) {
    const { events, expected } = report.gatewayReviewEvents;
    add({
      group: 'history',
      name: 'events per review, 1 chunk (started through the API)',
      value: events,
      unit: '',
      target: `${expected.min}..${expected.max}`,
      met: events >= expected.min && events <= expected.max,
    });
  }
  if (report.metricsOverhead) {
    const m = report.metricsOverhead;
    add({
      group: 'metrics',
      name: `review throughput, worker metrics on vs off (${m.onPerSec.toFixed(2)} vs ${m.offPerSec.toFixed(2)}/s)`,
      value: m.ratio,
      unit: '×',
      target: '>= 0.97',
      met: m.ratio >= 0.97,
      ratio: { value: m.ratio, target: 0.97 },
    });
  }
  if (report.idleGrowth) {
    const value = mb(report.idleGrowth.perWorkflowBytes);
    add({
      group: 'memory',
      name: `worker-cpu growth per cached idle workflow (${report.idleGrowth.count} parked)`,
      value,
      unit: 'MB',
      target: '<= 1.5',
      met: value <= 1.5,
    });
  }
  if (report.soak) {
    const { points, startBytes } = report.soak;
    add({
      group: 'memory',
      name: 'worker-cpu resident size after its first review',
      value: mb(startBytes),
      unit: 'MB',
      target: '—',
      met: undefined,
    });
    for (const p of points) {
      add({
        group: 'memory',
        name: `worker-cpu resident size after ${p.completed} reviews`,
        value: mb(p.bytes),
        unit: 'MB',
        target: '—',
        met: undefined,
      });
    }
    const [first, last] = [points[0], points[points.length - 1]];
    if (first && last && last !== first) {
      const growth = last.bytes / first.bytes;
      add({
        group: 'memory',
        name: `worker-cpu after ${last.completed} / after ${first.completed} reviews${report.soak.budgetExhausted ? ' (time budget ran out)' : ''}`,
        value: growth,
        unit: '×',
        target: '<= 1.2',
        met: growth <= 1.2,
      });
    }
  }
  if (report.fault) {
    const f = report.fault;
    const kills = f.kills.map((k) => k.worker).join(',');
    add({
      group: 'faults',
      name: `reviews completed of ${f.started} (kills: ${kills})`,
      value: f.completed,
      unit: '',
      target: `== ${f.started}`,
      met: f.completed === f.started,
    });
    add({
      group: 'faults',
      name: 'reviews lost (not ended)',
      value: f.lost,
      unit: '',
      target: '== 0',
      met: f.lost === 0,
    });
    add({
      group: 'faults',
      name: 'duplicate published reports',
      value: f.duplicateReports,
      unit: '',
      target: '== 0',
      met: f.duplicateReports === 0,
    });
    add({
      group: 'faults',
      name: '5xx answers to clients',
      value: f.serverErrors,
      unit: '',
      target: '== 0',
      met: f.serverErrors === 0,
    });
  }
  return figures;
}
