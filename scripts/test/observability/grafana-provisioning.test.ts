import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ApiConfigSchema } from '@reviewflow/api/config';
import { findProjectRoot } from '@reviewflow/devkit';
import { CpuWorkerConfigSchema } from '@reviewflow/worker-cpu';
import { GpuWorkerConfigSchema } from '@reviewflow/worker-gpu';
import { parse as parseYaml } from 'yaml';
import { grafanaDashboardMount, grafanaDockerArgs } from '../../observability/grafana-docker-command.js';
import { localPrometheusAddress } from '../../observability/local-prometheus-address.js';
import { dashboardPanels } from './support/grafana-queries.js';

// The files a person uses to watch `npm start` in Grafana: no Grafana runs here (it is not in the
// package mirrors), so their structure is checked against what Grafana's provisioning reads and
// against the dashboard and the Prometheus configuration they must agree with.

type Json = Record<string, any>;
const root = findProjectRoot();
const provisioning = path.join(root, 'scripts/observability/grafana/provisioning');
const readYaml = (file: string): Json => parseYaml(readFileSync(file, 'utf8')) as Json;
const dashboard = JSON.parse(
  readFileSync(path.join(root, 'helm/reviewflow/files/grafana-dashboard.json'), 'utf8'),
) as Json;
const prometheusConfig = readYaml(path.join(root, 'scripts/observability/prometheus.yml'));

/** Every `datasource` reference of the dashboard: panels, targets and annotations. */
function datasourceRefs(): Json[] {
  const panels = dashboardPanels(dashboard);
  return [
    ...panels.map((p) => p.datasource),
    ...panels.flatMap((p) => ((p.targets as Json[] | undefined) ?? []).map((t) => t.datasource)),
    ...((dashboard.annotations?.list as Json[] | undefined) ?? []).map((a) => a.datasource),
  ].filter((ref): ref is Json => ref !== undefined && ref !== null);
}

describe('Grafana provisioning for the local stack', () => {
  const { datasources, apiVersion } = readYaml(path.join(provisioning, 'datasources/prometheus.yaml'));
  const datasource = datasources?.[0] as Json;

  it('has one default Prometheus data source on the address of npm run prometheus', () => {
    assert.equal(apiVersion, 1);
    assert.equal(datasources.length, 1);
    assert.equal(datasource.type, 'prometheus');
    assert.equal(datasource.access, 'proxy', 'the Grafana server queries Prometheus, not the browser');
    assert.equal(datasource.url, `http://${localPrometheusAddress}`);
    assert.equal(datasource.isDefault, true, 'the dashboard variable defaults to the default data source');
    assert.match(datasource.uid as string, /^[\w-]{1,40}$/);
  });

  it('tells Grafana the scrape interval of scripts/observability/prometheus.yml ($__rate_interval is built from it)', () => {
    assert.equal(datasource.jsonData?.timeInterval, prometheusConfig.global.scrape_interval);
  });

  it('is the data source every query of the dashboard uses', () => {
    const variable = (dashboard.templating.list as Json[]).find((v) => v.type === 'datasource');
    assert.ok(variable, 'a data source variable');
    assert.equal(variable.query, datasource.type, 'the variable lists Prometheus data sources');
    // With no value chosen, Grafana takes the default data source of the variable's type.
    const chosen = variable.current?.value as string | undefined;
    assert.ok(chosen === undefined || chosen === datasource.uid, `variable defaults to ${chosen}`);
    const refs = datasourceRefs();
    assert.ok(refs.length >= 20, `${refs.length} data source references`);
    for (const ref of refs) {
      if (ref.uid === '-- Grafana --' || ref.type === 'grafana') continue; // built-in annotations
      assert.equal(ref.type, 'prometheus', JSON.stringify(ref));
      assert.ok([`\${${variable.name as string}}`, datasource.uid].includes(ref.uid), JSON.stringify(ref));
    }
  });

  it('loads the chart dashboard from the folder the docker command mounts', () => {
    const config = readYaml(path.join(provisioning, 'dashboards/reviewflow.yaml'));
    assert.equal(config.apiVersion, 1);
    const [provider, ...more] = config.providers as Json[];
    assert.equal(more.length, 0);
    assert.equal(provider!.type, 'file');
    assert.equal(provider!.options.path, grafanaDashboardMount);

    const args = grafanaDockerArgs(root);
    const mounts = new Map(
      args
        .flatMap((arg, i) => (args[i - 1] === '-v' ? [arg.split(':')] : []))
        .map(([host, container]) => [container!, host!]),
    );
    const dashboardDir = mounts.get(grafanaDashboardMount);
    assert.ok(dashboardDir && existsSync(path.join(dashboardDir, 'grafana-dashboard.json')), `mounts ${dashboardDir}`);
    assert.equal(mounts.get('/etc/grafana/provisioning'), provisioning);
    for (const file of ['datasources/prometheus.yaml', 'dashboards/reviewflow.yaml']) {
      assert.ok(existsSync(path.join(provisioning, file)), file);
    }
    assert.ok(args.includes('GF_SERVER_HTTP_PORT=3001'), 'not port 3000, which the API has');
    assert.match(dashboard.uid as string, /^[\w-]{1,40}$/, 'a fixed uid, so the URL of the dashboard is stable');
  });

  it('scrapes the ports npm start gives the API and both workers', () => {
    const targets = Object.fromEntries(
      (prometheusConfig.scrape_configs as Json[]).map((c) => [c.job_name, c.static_configs[0].targets[0]]),
    );
    assert.deepEqual(targets, {
      'reviewflow-api': `127.0.0.1:${(ApiConfigSchema.properties.PORT as Json).default as number}`,
      'reviewflow-worker-cpu': `127.0.0.1:${(CpuWorkerConfigSchema.properties as Json).METRICS_PORT.default as number}`,
      'reviewflow-worker-gpu': `127.0.0.1:${(GpuWorkerConfigSchema.properties as Json).METRICS_PORT.default as number}`,
    });
  });
});
