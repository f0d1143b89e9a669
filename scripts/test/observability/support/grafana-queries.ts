type Json = Record<string, any>;

/** What Grafana knows when it turns a dashboard target into a Prometheus request. */
export interface GrafanaQueryContext {
  /** The dashboard's time range, in ms since the epoch. */
  fromMs: number;
  toMs: number;
  /** The data source's "Scrape interval" (`jsonData.timeInterval`) in seconds; Grafana's default is 15. */
  scrapeIntervalSeconds: number;
}

/** One Prometheus request Grafana sends for a panel target. */
export interface GrafanaQuery {
  panel: string;
  refId: string;
  /** The target's expression as written in the dashboard. */
  expr: string;
  /** The expression with every variable substituted, as Prometheus receives it. */
  promql: string;
  /** `query` for instant targets (stat panels), else `query_range`. */
  kind: 'query' | 'query_range';
  /** The form parameters of the request (query, start/end/step or time). */
  params: Record<string, string>;
}

// Grafana's `roundInterval` (public/app/core/utils/kbn / @grafana/data rangeutil): the raw interval
// in ms -> the "nice" interval it queries with. Only the part a dashboard over hours ever reaches.
const roundSteps: [number, number][] = [
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1_500, 1_000],
  [3_500, 2_000],
  [7_500, 5_000],
  [12_500, 10_000],
  [17_500, 15_000],
  [25_000, 20_000],
  [45_000, 30_000],
  [90_000, 60_000],
  [210_000, 120_000],
  [450_000, 300_000],
  [1_050_000, 600_000],
  [2_100_000, 900_000],
  [5_400_000, 1_800_000],
  [9_000_000, 3_600_000],
];

function roundInterval(ms: number): number {
  return roundSteps.find(([limit]) => ms <= limit)?.[1] ?? 7_200_000;
}

function durationSeconds(text: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(text);
  if (!match) throw new Error(`not a Grafana interval: ${text}`);
  const factor = { ms: 0.001, s: 1, m: 60, h: 3600 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * factor;
}

/** Every panel of a dashboard, the panels nested in collapsed rows included. */
export function dashboardPanels(dashboard: Json): Json[] {
  return (dashboard.panels as Json[]).flatMap((p) => [p, ...((p.panels as Json[] | undefined) ?? [])]);
}

/** The default value of each template variable (its `current` value, else its first option). */
function variableDefaults(dashboard: Json): Map<string, string> {
  const defaults = new Map<string, string>();
  for (const variable of (dashboard.templating?.list as Json[] | undefined) ?? []) {
    const current = variable.current?.value ?? variable.options?.[0]?.value;
    // A data source variable only picks the data source; it never appears inside PromQL.
    if (variable.type === 'datasource') continue;
    if (current === undefined) throw new Error(`template variable ${variable.name as string} has no default`);
    const value = Array.isArray(current) ? current.join('|') : String(current);
    defaults.set(variable.name as string, value === '$__all' ? '.*' : value);
  }
  return defaults;
}

/**
 * The Prometheus requests Grafana sends for every target of every panel of `dashboard` over the
 * given range: the panel's interval from its width (or `maxDataPoints`) rounded as Grafana rounds
 * it and floored at the scrape interval, `$__rate_interval = max($__interval + scrape interval,
 * 4 x scrape interval)`, `$__range` in seconds, template variables at their defaults, and the range
 * aligned to the step (`$__rate_interval_ms` and the other `_ms`/`_s` forms too). Hidden targets are left out. A `$` left in a query after substitution throws,
 * so a variable this function does not know fails the test instead of reaching Prometheus.
 */
export function grafanaQueries(dashboard: Json, context: GrafanaQueryContext): GrafanaQuery[] {
  const variables = variableDefaults(dashboard);
  const queries: GrafanaQuery[] = [];
  for (const panel of dashboardPanels(dashboard)) {
    // A 24-column grid on a 1920 px screen: about 75 px per column.
    const maxDataPoints = (panel.maxDataPoints as number | undefined) ?? Math.max(1, (panel.gridPos?.w ?? 24) * 75);
    const minIntervalSeconds = panel.interval
      ? durationSeconds(panel.interval as string)
      : context.scrapeIntervalSeconds;
    const rangeMs = context.toMs - context.fromMs;
    const intervalSeconds = Math.max(roundInterval(rangeMs / maxDataPoints) / 1000, minIntervalSeconds);
    const rateIntervalSeconds = Math.max(
      intervalSeconds + context.scrapeIntervalSeconds,
      4 * context.scrapeIntervalSeconds,
    );
    const rangeSeconds = Math.round(rangeMs / 1000);
    for (const target of (panel.targets as Json[] | undefined) ?? []) {
      if (target.hide) continue;
      let promql = (target.expr as string)
        .replaceAll('$__rate_interval_ms', String(rateIntervalSeconds * 1000))
        .replaceAll('$__rate_interval', `${rateIntervalSeconds}s`)
        .replaceAll('$__interval_ms', String(intervalSeconds * 1000))
        .replaceAll('$__interval', `${intervalSeconds}s`)
        .replaceAll('$__range_ms', String(rangeSeconds * 1000))
        .replaceAll('$__range_s', String(rangeSeconds))
        .replaceAll('$__range', `${rangeSeconds}s`);
      for (const [name, value] of variables) {
        promql = promql.replaceAll(`\${${name}}`, value).replaceAll(`[[${name}]]`, value).replaceAll(`$${name}`, value);
      }
      if (promql.includes('$')) throw new Error(`${panel.title as string}: unknown variable left in ${promql}`);
      const base = { panel: panel.title as string, refId: target.refId as string, expr: target.expr as string, promql };
      const stepMs = intervalSeconds * 1000;
      if (target.instant) {
        queries.push({ ...base, kind: 'query', params: { query: promql, time: String(context.toMs / 1000) } });
      }
      if (!target.instant || target.range) {
        const start = Math.floor(context.fromMs / stepMs) * stepMs;
        const end = Math.floor(context.toMs / stepMs) * stepMs;
        queries.push({
          ...base,
          kind: 'query_range',
          params: {
            query: promql,
            start: String(start / 1000),
            end: String(end / 1000),
            step: String(intervalSeconds),
          },
        });
      }
    }
  }
  return queries;
}
