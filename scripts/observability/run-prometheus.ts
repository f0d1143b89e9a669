/**
 * `npm run prometheus [-- PROMETHEUS FLAGS...]`: a real Prometheus (Debian package `prometheus`) for
 * the stack of `npm start`, with scripts/observability/prometheus.yml (the API on :3000, worker-cpu
 * on :9464, worker-gpu on :9465, every 5 s, with the chart's alert rules), the web UI and API on
 * http://127.0.0.1:9090 and its data in <data folder>/prometheus, so a restart keeps the history.
 * Flags given after `--` go to prometheus and replace the defaults they name. It prints how to start
 * Grafana with the dashboard; Ctrl-C stops it.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPrometheusTool } from './find-prometheus-tool.js';
import { grafanaDockerCommand, grafanaPort } from './grafana-docker-command.js';
import { localPrometheusAddress } from './local-prometheus-address.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The same data folder as `npm start`.
const dataDir = process.env.REVIEWFLOW_DATA_DIR
  ? path.resolve(process.env.REVIEWFLOW_DATA_DIR)
  : path.join(root, '.data');
const extra = process.argv.slice(2);
const defaults: Record<string, string> = {
  '--config.file': path.join(root, 'scripts/observability/prometheus.yml'),
  '--storage.tsdb.path': path.join(dataDir, 'prometheus'),
  // Loopback: the local stack's metrics are for this machine only.
  '--web.listen-address': localPrometheusAddress,
};
const given = new Set(extra.map((arg) => arg.split('=')[0]));
const args = [
  ...Object.entries(defaults)
    .filter(([flag]) => !given.has(flag))
    .map(([flag, value]) => `${flag}=${value}`),
  ...extra,
];

let binary: string;
try {
  binary = findPrometheusTool('prometheus');
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
mkdirSync(path.join(dataDir, 'prometheus'), { recursive: true });
const { uid: dashboardUid } = JSON.parse(
  readFileSync(path.join(root, 'helm/reviewflow/files/grafana-dashboard.json'), 'utf8'),
) as { uid: string };
const listen = args.find((a) => a.startsWith('--web.listen-address='))!.split('=')[1]!;
console.log(
  [
    `Prometheus on http://${listen} (targets: http://${listen}/targets), scraping the API on 127.0.0.1:3000,`,
    'worker-cpu on 127.0.0.1:9464 and worker-gpu on 127.0.0.1:9465 (start them with `npm start`).',
    `Grafana with the reviewflow dashboard on http://127.0.0.1:${grafanaPort}/d/${dashboardUid} (Docker, host network):`,
    `  ${grafanaDockerCommand(root)}`,
    '',
  ].join('\n'),
);

const child = spawn(binary, args, { stdio: 'inherit' });
// A terminal's Ctrl-C reaches both processes; a signal sent to this one alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
