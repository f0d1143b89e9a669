import path from 'node:path';

/** Where the Grafana container finds the dashboard folder; the dashboard provider's `options.path`. */
export const grafanaDashboardMount = '/var/lib/grafana/dashboards/reviewflow';
/** Grafana's port: the API has 3000, Grafana's default. */
export const grafanaPort = 3001;

/**
 * The `docker run` arguments that start Grafana against `npm run prometheus`, provisioned with the
 * data source and the chart's dashboard from this checkout (`root`). Host networking, so the data
 * source's http://127.0.0.1:9090 is the host's Prometheus (Linux; see README for Docker Desktop).
 * Anonymous admin, because this Grafana only ever listens on the developer's machine.
 */
export function grafanaDockerArgs(root: string): string[] {
  return [
    'run',
    '--rm',
    '--name',
    'reviewflow-grafana',
    '--network',
    'host',
    '-e',
    `GF_SERVER_HTTP_PORT=${grafanaPort}`,
    '-e',
    'GF_SERVER_HTTP_ADDR=127.0.0.1',
    '-e',
    'GF_AUTH_ANONYMOUS_ENABLED=true',
    '-e',
    'GF_AUTH_ANONYMOUS_ORG_ROLE=Admin',
    '-v',
    `${path.join(root, 'scripts/observability/grafana/provisioning')}:/etc/grafana/provisioning:ro`,
    '-v',
    `${path.join(root, 'helm/reviewflow/files')}:${grafanaDashboardMount}:ro`,
    'grafana/grafana',
  ];
}

/** {@link grafanaDockerArgs} as one shell line to copy. */
export function grafanaDockerCommand(root: string): string {
  const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);
  return ['docker', ...grafanaDockerArgs(root)].map(quote).join(' ');
}
