import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ApiConfigSchema, loadApiConfig } from '@reviewflow/api/config';
import { CpuWorkerConfigSchema, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import { GpuWorkerConfigSchema, loadGpuWorkerConfig } from '@reviewflow/worker-gpu';
import { parse as parseYaml } from 'yaml';
import { chartDir, lintChart, renderChart, type Manifest } from './support/render-chart.js';

// The codec endpoint taking the Temporal Web UI users' access tokens (payload keys first: no codec without them).
const codecOidcValues = [
  'security.payloadEncryption.keysSecret.name=reviewflow-payload-keys',
  'security.codec.oidc.issuer=https://login.example.com/realms/ops',
  'security.codec.oidc.audience=reviewflow-codec',
  'security.codec.oidc.allowed=groups=reviewflow-admins',
  'security.codec.oidc.jwks.configMapName=temporal-ui-jwks',
];

/** The values sets CI renders: the defaults, the production-like file, and Temporal Cloud on top. */
const valueSets: Record<string, string[]> = {
  default: [],
  production: ['values-production.yaml'],
  'production + Temporal Cloud': ['values-production.yaml', 'ci/temporal-cloud-values.yaml'],
};

/** Each deployable's own config loader: what its process would do with the rendered environment. */
const loaders: Record<string, (env: Record<string, string>) => { SHUTDOWN_GRACE_SECONDS: number }> = {
  api: loadApiConfig,
  'worker-cpu': loadCpuWorkerConfig,
  'worker-gpu': loadGpuWorkerConfig,
};

const byKind = (objects: Manifest[], kind: string): Manifest[] => objects.filter((o) => o.kind === kind);
const deploymentOf = (objects: Manifest[], component: string): Manifest => {
  const found = byKind(objects, 'Deployment').find(
    (d) => d.metadata.labels?.['app.kubernetes.io/component'] === component,
  );
  assert.ok(found, `a Deployment for ${component}`);
  return found;
};
const selects = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

// Secret values in the shape their variable must have (the schemas check shapes, not values).
const secretPlaceholders: Record<string, string> = {
  REVIEWFLOW_PAYLOAD_KEYS: `placeholder:${'A'.repeat(43)}=`,
  REVIEWFLOW_APPROVAL_LINK_SECRET: 'placeholder-'.padEnd(32, 'x'),
};

/**
 * The environment a container starts with, as its process sees it: ConfigMaps from envFrom, then
 * env entries. Secret references become placeholders, since the chart holds no secret values.
 */
function containerEnv(objects: Manifest[], container: any): Record<string, string> {
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (!source.configMapRef) continue;
    const configMap = byKind(objects, 'ConfigMap').find((c) => c.metadata.name === source.configMapRef.name);
    assert.ok(configMap, `ConfigMap ${source.configMapRef.name} referenced by ${container.name} is rendered`);
    Object.assign(env, configMap.data);
  }
  for (const entry of container.env ?? []) {
    if (entry.value !== undefined) env[entry.name] = String(entry.value);
    else if (entry.valueFrom?.secretKeyRef) {
      env[entry.name] = secretPlaceholders[entry.name] ?? `secret-${entry.valueFrom.secretKeyRef.name}`;
    }
  }
  return env;
}

const preStopSeconds = (container: any): number => {
  const command: string[] | undefined = container.lifecycle?.preStop?.exec?.command;
  if (command === undefined) return 0;
  assert.equal(command[0], 'sleep', 'preStop only sleeps');
  return Number(command[1]);
};

describe('the helm chart', () => {
  const rendered: Record<string, Manifest[]> = {};

  before(async () => {
    for (const [name, values] of Object.entries(valueSets)) rendered[name] = await renderChart({ values });
  });

  it('passes helm lint --strict with every values set', async () => {
    for (const values of Object.values(valueSets)) await lintChart(values);
  });

  for (const name of Object.keys(valueSets)) {
    describe(`rendered with ${name} values`, () => {
      const objects = (): Manifest[] => rendered[name]!;

      it('has a Deployment per deployable, each with its own image', () => {
        const images = ['api', 'worker-cpu', 'worker-gpu'].map((component) => {
          const [container, ...others] = deploymentOf(objects(), component).spec.template.spec.containers;
          assert.equal(others.length, 0, `${component} runs one container`);
          assert.equal(container.name, component);
          assert.match(container.image, new RegExp(`reviewflow-${component}[:@]`));
          return container.image;
        });
        assert.equal(new Set(images).size, 3);
      });

      it('gives every container resources, probes and a locked-down security context', () => {
        for (const deployment of byKind(objects(), 'Deployment')) {
          const pod = deployment.spec.template.spec;
          assert.equal(pod.securityContext?.runAsNonRoot, true, `${deployment.metadata.name}: pod runAsNonRoot`);
          assert.equal(pod.automountServiceAccountToken, false, `${deployment.metadata.name}: no API token`);
          for (const container of pod.containers) {
            const where = `${deployment.metadata.name}/${container.name}`;
            assert.ok(container.resources?.requests?.cpu, `${where}: cpu request`);
            assert.ok(container.resources?.requests?.memory, `${where}: memory request`);
            assert.ok(container.resources?.limits?.memory, `${where}: memory limit`);
            assert.ok(container.livenessProbe, `${where}: liveness probe`);
            assert.ok(container.readinessProbe, `${where}: readiness probe`);
            const security = container.securityContext ?? {};
            assert.equal(security.runAsNonRoot, true, `${where}: runAsNonRoot`);
            assert.ok(security.runAsUser > 0, `${where}: a non-root uid`);
            assert.equal(security.readOnlyRootFilesystem, true, `${where}: read-only root filesystem`);
            assert.equal(security.allowPrivilegeEscalation, false, `${where}: no privilege escalation`);
            assert.deepEqual(security.capabilities?.drop, ['ALL'], `${where}: drops every capability`);
            // With a read-only root, whatever must be written needs a volume.
            const volumes = new Map<string, any>(pod.volumes.map((v: any) => [v.name, v]));
            for (const mount of container.volumeMounts ?? []) {
              assert.ok(volumes.has(mount.name), `${where}: volume ${mount.name} exists`);
            }
            const tmp = container.volumeMounts.find((m: any) => m.mountPath === '/tmp');
            assert.ok(tmp && volumes.get(tmp.name)?.emptyDir, `${where}: /tmp is an emptyDir`);
          }
        }
      });

      it('never lets liveness depend on Temporal or GitHub', () => {
        const api = deploymentOf(objects(), 'api').spec.template.spec.containers[0];
        assert.equal(api.livenessProbe.httpGet?.path, '/healthz');
        assert.equal(api.readinessProbe.httpGet?.path, '/readyz', 'readiness is where Temporal is asked');
        for (const component of ['worker-cpu', 'worker-gpu']) {
          const worker = deploymentOf(objects(), component).spec.template.spec.containers[0];
          const command: string[] = worker.livenessProbe.exec?.command ?? [];
          assert.match(command.join(' '), /find \S+ -newermt/, `${component}: liveness checks the heartbeat file`);
          const env = containerEnv(objects(), worker);
          assert.ok(command.join(' ').includes(env.LIVENESS_FILE!), `${component}: probes the file it writes`);
        }
      });

      it('leaves probes and scrapes open: the kubelet and Prometheus send no API key', () => {
        const api = deploymentOf(objects(), 'api').spec.template.spec.containers[0];
        const config = loadApiConfig(containerEnv(objects(), api));
        assert.equal(config.REVIEWFLOW_HEALTH_AUTH, 'none', '/healthz and /readyz answer probes');
        if (byKind(objects(), 'ServiceMonitor').length > 0) {
          assert.equal(config.REVIEWFLOW_METRICS_AUTH, 'none', '/metrics answers the ServiceMonitor');
        }
      });

      it('starts every deployable with a configuration its own config schema accepts', () => {
        for (const [component, load] of Object.entries(loaders)) {
          const container = deploymentOf(objects(), component).spec.template.spec.containers[0];
          const env = containerEnv(objects(), container);
          const known = new Set(Object.keys(envSchemaOf(component)));
          for (const variable of Object.keys(env)) {
            assert.ok(known.has(variable), `${component}: ${variable} is a setting of ${component}'s config.ts`);
          }
          assert.doesNotThrow(() => load(env), `${component} boots with the rendered environment`);
        }
      });

      it('waits longer than preStop plus the shutdown grace before killing a pod', () => {
        for (const [component, load] of Object.entries(loaders)) {
          const pod = deploymentOf(objects(), component).spec.template.spec;
          const container = pod.containers[0];
          const grace = load(containerEnv(objects(), container)).SHUTDOWN_GRACE_SECONDS;
          const needed = preStopSeconds(container) + grace;
          assert.ok(
            pod.terminationGracePeriodSeconds > needed,
            `${component}: terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} > preStop + SHUTDOWN_GRACE_SECONDS = ${needed}`,
          );
        }
        const api = deploymentOf(objects(), 'api').spec.template.spec.containers[0];
        assert.ok(preStopSeconds(api) > 0, 'the API keeps serving while its endpoint is removed');
      });

      it('schedules worker-gpu on GPU nodes with as many activity slots as GPUs', () => {
        const pod = deploymentOf(objects(), 'worker-gpu').spec.template.spec;
        const container = pod.containers[0];
        const gpus = Number(container.resources.limits['nvidia.com/gpu']);
        assert.ok(gpus >= 1, 'requests at least one nvidia.com/gpu');
        assert.equal(Number(container.resources.requests?.['nvidia.com/gpu'] ?? gpus), gpus);
        assert.equal(loadGpuWorkerConfig(containerEnv(objects(), container)).GPU_COUNT, gpus, 'GPU_COUNT = GPUs');
        assert.ok(Object.keys(pod.nodeSelector ?? {}).length > 0, 'a node selector');
        assert.ok(
          (pod.tolerations ?? []).some((t: any) => t.key === 'nvidia.com/gpu'),
          'tolerates the GPU taint',
        );
      });

      it('shares one artifact volume between the workers', () => {
        const claims = ['worker-cpu', 'worker-gpu'].map((component) => {
          const pod = deploymentOf(objects(), component).spec.template.spec;
          const env = containerEnv(objects(), pod.containers[0]);
          const mount = pod.containers[0].volumeMounts.find((m: any) => m.mountPath === env.REVIEWFLOW_DATA_DIR);
          assert.ok(mount, `${component}: REVIEWFLOW_DATA_DIR is a mounted volume`);
          return pod.volumes.find((v: any) => v.name === mount.name).persistentVolumeClaim?.claimName;
        });
        assert.ok(claims[0], 'a PersistentVolumeClaim');
        assert.equal(claims[0], claims[1]);
        const pvc = byKind(objects(), 'PersistentVolumeClaim').find((p) => p.metadata.name === claims[0]);
        assert.ok(pvc, 'the claim is rendered');
        assert.deepEqual(pvc.spec.accessModes, ['ReadWriteMany']);
      });

      it('autoscales the API and worker-cpu, and budgets disruptions of every deployable', () => {
        const hpaTargets = byKind(objects(), 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name);
        assert.deepEqual(hpaTargets.sort(), [
          deploymentOf(objects(), 'api').metadata.name,
          deploymentOf(objects(), 'worker-cpu').metadata.name,
        ]);
        for (const name of hpaTargets) {
          const deployment = byKind(objects(), 'Deployment').find((d) => d.metadata.name === name)!;
          assert.equal(deployment.spec.replicas, undefined, `${name}: replicas are the HPA's to set`);
        }
        for (const component of ['api', 'worker-cpu', 'worker-gpu']) {
          const labels = deploymentOf(objects(), component).spec.template.metadata.labels;
          const pdbs = byKind(objects(), 'PodDisruptionBudget').filter((p) =>
            selects(p.spec.selector.matchLabels, labels),
          );
          assert.equal(pdbs.length, 1, `${component}: one PodDisruptionBudget`);
        }
      });

      it('routes the Service (and Ingress) to the API pods', () => {
        const api = deploymentOf(objects(), 'api');
        const service = byKind(objects(), 'Service').find((s) => s.metadata.name === api.metadata.name);
        assert.ok(service, 'the API Service');
        assert.ok(selects(service.spec.selector, api.spec.template.metadata.labels));
        const portNames = api.spec.template.spec.containers[0].ports.map((p: any) => p.name);
        for (const port of service.spec.ports) assert.ok(portNames.includes(port.targetPort));
        for (const ingress of byKind(objects(), 'Ingress')) {
          for (const rule of ingress.spec.rules) {
            for (const p of rule.http.paths) assert.equal(p.backend.service.name, service.metadata.name);
          }
        }
      });

      it('holds no secret: only references to Secrets', () => {
        assert.equal(byKind(objects(), 'Secret').length, 0, 'the chart creates no Secret');
        const secretLike = /(KEY|KEYS|TOKEN|SECRET|PASSWORD|CREDENTIALS?)$/;
        for (const deployment of byKind(objects(), 'Deployment')) {
          for (const container of deployment.spec.template.spec.containers) {
            for (const entry of container.env ?? []) {
              if (secretLike.test(entry.name)) {
                assert.ok(entry.valueFrom?.secretKeyRef, `${container.name}: ${entry.name} comes from a Secret`);
              }
            }
          }
        }
        for (const configMap of byKind(objects(), 'ConfigMap')) {
          for (const key of Object.keys(configMap.data ?? {})) {
            assert.ok(!secretLike.test(key), `ConfigMap ${configMap.metadata.name} holds no ${key}`);
          }
        }
      });
    });
  }

  it('connects to a Temporal cluster with mTLS from mounted certificates (production values)', () => {
    const objects = rendered.production!;
    for (const component of Object.keys(loaders)) {
      const pod = deploymentOf(objects, component).spec.template.spec;
      const container = pod.containers[0];
      const env = containerEnv(objects, container);
      assert.equal(env.TEMPORAL_TLS, 'true');
      for (const variable of ['TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_TLS_KEY_PATH', 'TEMPORAL_TLS_CA_PATH']) {
        const file = env[variable];
        assert.ok(file, `${component}: ${variable}`);
        const mount = container.volumeMounts.find((m: any) => file.startsWith(`${m.mountPath}/`));
        assert.ok(mount?.readOnly, `${component}: ${variable} lies on a read-only mount`);
        const volume = pod.volumes.find((v: any) => v.name === mount.name);
        assert.ok(volume.secret?.secretName, `${component}: ${variable} comes from a Secret`);
      }
      assert.equal(env.TEMPORAL_API_KEY, undefined);
    }
  });

  it('connects to Temporal Cloud with an API key from a Secret', () => {
    const objects = rendered['production + Temporal Cloud']!;
    for (const component of Object.keys(loaders)) {
      const container = deploymentOf(objects, component).spec.template.spec.containers[0];
      const apiKey = container.env.find((e: any) => e.name === 'TEMPORAL_API_KEY');
      assert.deepEqual(apiKey?.valueFrom?.secretKeyRef, { name: 'reviewflow-temporal-cloud', key: 'api-key' });
      const env = containerEnv(objects, container);
      assert.equal(env.TEMPORAL_TLS, 'true');
      assert.equal(env.TEMPORAL_TLS_CERT_PATH, undefined, 'no client certificate next to an API key');
    }
  });

  it('wires the security Secrets and settings into the deployables that need them (production values)', async () => {
    const objects = rendered.production!;
    const secretOf = (component: string, name: string) =>
      deploymentOf(objects, component).spec.template.spec.containers[0].env.find((e: any) => e.name === name)?.valueFrom
        ?.secretKeyRef;
    for (const component of ['api', 'worker-cpu', 'worker-gpu']) {
      assert.deepEqual(
        secretOf(component, 'REVIEWFLOW_PAYLOAD_KEYS'),
        { name: 'reviewflow-payload-keys', key: 'payload-keys' },
        `${component}: the same payload keys`,
      );
    }
    const link = { name: 'reviewflow-approval-links', key: 'approval-link-secret' };
    assert.deepEqual(secretOf('api', 'REVIEWFLOW_APPROVAL_LINK_SECRET'), link);
    assert.deepEqual(secretOf('worker-cpu', 'REVIEWFLOW_APPROVAL_LINK_SECRET'), link);
    assert.equal(secretOf('worker-gpu', 'REVIEWFLOW_APPROVAL_LINK_SECRET'), undefined, 'worker-gpu signs nothing');
    const api = containerEnv(objects, deploymentOf(objects, 'api').spec.template.spec.containers[0]);
    assert.equal(api.REVIEWFLOW_PUBLIC_URL, 'https://reviewflow.example.com');
    assert.equal(api.REVIEWFLOW_CODEC_CORS_ORIGINS, 'https://temporal.example.com');
    const cpu = containerEnv(objects, deploymentOf(objects, 'worker-cpu').spec.template.spec.containers[0]);
    assert.equal(cpu.REVIEWFLOW_PUBLIC_API_URL, 'https://reviewflow.example.com');
    const plain = containerEnv(
      rendered.default!,
      deploymentOf(rendered.default!, 'api').spec.template.spec.containers[0],
    );
    assert.equal(plain.REVIEWFLOW_PAYLOAD_KEYS, undefined, 'defaults: plain history, no links');
    assert.equal(plain.REVIEWFLOW_APPROVAL_LINK_SECRET, undefined);

    // OIDC: audience and the JWKS file from a mounted ConfigMap, as the API's schema accepts them.
    const oidc = await renderChart({
      set: ['security.oidc.audience=https://github.com/acme', 'security.oidc.jwks.configMapName=reviewflow-oidc-jwks'],
    });
    const pod = deploymentOf(oidc, 'api').spec.template.spec;
    const env = containerEnv(oidc, pod.containers[0]);
    assert.equal(env.REVIEWFLOW_OIDC_AUDIENCE, 'https://github.com/acme');
    const mount = pod.containers[0].volumeMounts.find((m: any) =>
      env.REVIEWFLOW_OIDC_JWKS_FILE!.startsWith(`${m.mountPath}/`),
    );
    assert.ok(mount?.readOnly, 'the JWKS lies on a read-only mount');
    assert.equal(pod.volumes.find((v: any) => v.name === mount.name).configMap.name, 'reviewflow-oidc-jwks');
    assert.doesNotThrow(() => loadApiConfig(env));

    // The Web UI's users' tokens on the codec endpoint: the provider's JWKS on a mount of its own.
    const codec = await renderChart({ values: ['values-production.yaml'], set: codecOidcValues });
    const codecPod = deploymentOf(codec, 'api').spec.template.spec;
    const codecEnv = containerEnv(codec, codecPod.containers[0]);
    assert.equal(codecEnv.REVIEWFLOW_CODEC_OIDC_ISSUER, 'https://login.example.com/realms/ops');
    assert.equal(codecEnv.REVIEWFLOW_CODEC_OIDC_AUDIENCE, 'reviewflow-codec');
    assert.equal(codecEnv.REVIEWFLOW_CODEC_OIDC_ALLOWED, 'groups=reviewflow-admins');
    const codecMount = codecPod.containers[0].volumeMounts.find((m: any) =>
      codecEnv.REVIEWFLOW_CODEC_OIDC_JWKS_FILE!.startsWith(`${m.mountPath}/`),
    );
    assert.ok(codecMount?.readOnly, "the Web UI provider's JWKS lies on a read-only mount");
    assert.equal(codecPod.volumes.find((v: any) => v.name === codecMount.name).configMap.name, 'temporal-ui-jwks');
    assert.doesNotThrow(() => loadApiConfig(codecEnv));
    for (const component of ['worker-cpu', 'worker-gpu']) {
      const workerEnv = containerEnv(codec, deploymentOf(codec, component).spec.template.spec.containers[0]);
      assert.equal(workerEnv.REVIEWFLOW_CODEC_OIDC_ISSUER, undefined, `${component}: no codec settings`);
    }
  });

  it('scrapes every deployable through a ServiceMonitor (production values)', () => {
    const objects = rendered.production!;
    const monitors = byKind(objects, 'ServiceMonitor');
    assert.equal(monitors.length, 3);
    for (const component of ['api', 'worker-cpu', 'worker-gpu']) {
      const deployment = deploymentOf(objects, component);
      const podLabels = deployment.spec.template.metadata.labels;
      const monitor = monitors.find((m) => m.metadata.labels['app.kubernetes.io/component'] === component);
      assert.ok(monitor, `${component}: a ServiceMonitor`);
      const services = byKind(objects, 'Service').filter((s) =>
        selects(monitor.spec.selector.matchLabels, s.metadata.labels),
      );
      assert.equal(services.length, 1, `${component}: the ServiceMonitor selects one Service`);
      const service = services[0]!;
      assert.ok(selects(service.spec.selector, podLabels), `${component}: that Service selects the pods`);
      const endpointPort = monitor.spec.endpoints[0].port;
      const servicePort = service.spec.ports.find((p: any) => p.name === endpointPort);
      assert.ok(servicePort, `${component}: the Service has port ${endpointPort}`);
      const containerPort = deployment.spec.template.spec.containers[0].ports.find(
        (p: any) => p.name === servicePort.targetPort,
      );
      assert.ok(containerPort, `${component}: the port reaches the container`);
      if (component !== 'api') {
        const env = containerEnv(objects, deployment.spec.template.spec.containers[0]);
        assert.equal(Number(env.METRICS_PORT), containerPort.containerPort, `${component}: exporter on that port`);
        assert.equal(env.METRICS_HOST, '0.0.0.0', `${component}: exporter reachable from Prometheus`);
      }
    }
  });

  it('refuses values that would deploy something broken, instead of ignoring them', async () => {
    const refused = async (set: string[], why: RegExp): Promise<void> => {
      await assert.rejects(renderChart({ set }), why, `helm refuses --set ${set.join(' ')}`);
    };
    await refused(['workerGPU.replicaCount=2'], /additional properties 'workerGPU' not allowed/);
    await refused(['workerGpu.gpu.count=0'], /workerGpu\/gpu\/count/);
    await refused(['temporal.address=temporal-frontend'], /temporal\/address/);
    await refused(['workerCpu.servedTiers=gold'], /workerCpu\/servedTiers/);
    await refused(['api.apiKeysSecret.name='], /apiKeysSecret/);
    await refused(['security.codec.corsOrigins={https://ui.example.com}'], /payloadEncryption/);
    await refused(['security.oidc.audience=x'], /jwks\.configMapName/);
    await refused(codecOidcValues.slice(1), /payloadEncryption/);
    await refused(
      [...codecOidcValues.filter((v) => !v.includes('.audience=')), 'security.codec.oidc.audience='],
      /codec\.oidc\.audience/,
    );
    await refused(
      codecOidcValues.filter((v) => !v.includes('configMapName')),
      /codec\.oidc\.jwks\.configMapName/,
    );
    await refused([...codecOidcValues, 'security.codec.oidc.allowed=groups'], /codec\/oidc\/allowed/);
    await refused(['security.publicUrl=reviewflow.example.com'], /security\/publicUrl/);
  });

  it('renders the worker liveness probe as a command that tells a fresh heartbeat from a stale one', () => {
    const worker = deploymentOf(rendered.default!, 'worker-cpu').spec.template.spec.containers[0];
    const [shell, flag, script] = worker.livenessProbe.exec.command as string[];
    const file = containerEnv(rendered.default!, worker).LIVENESS_FILE!;
    const dir = mkdtempSync(path.join(tmpdir(), 'reviewflow-probe-'));
    try {
      const local = path.join(dir, 'alive');
      const probe = (): boolean => {
        try {
          execFileSync(shell!, [flag!, script!.replaceAll(file, local)], { stdio: 'ignore' });
          return true;
        } catch {
          return false;
        }
      };
      assert.equal(probe(), false, 'no file yet: not alive');
      writeFileSync(local, 'now');
      assert.equal(probe(), true, 'fresh file: alive');
      const old = new Date(Date.now() - 5 * 60_000);
      utimesSync(local, old, old);
      assert.equal(probe(), false, 'five-minute-old file: not alive');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('the dashboard and alert rules from files/', () => {
    let chartCopy: string;
    before(() => {
      chartCopy = path.join(mkdtempSync(path.join(tmpdir(), 'reviewflow-chart-')), 'reviewflow');
      cpSync(chartDir, chartCopy, { recursive: true });
    });
    after(() => rmSync(path.dirname(chartCopy), { recursive: true, force: true }));
    const withMonitoring = ['prometheusRule.enabled=true', 'grafanaDashboard.enabled=true'];

    it('renders neither while the files are absent', async () => {
      rmSync(path.join(chartCopy, 'files'), { recursive: true, force: true });
      const objects = await renderChart({ chart: chartCopy, set: withMonitoring });
      assert.equal(byKind(objects, 'PrometheusRule').length, 0);
      assert.equal(objects.filter((o) => o.metadata.name.endsWith('-dashboard')).length, 0);
    });

    it('turns the rule file into a PrometheusRule and the dashboard into a sidecar ConfigMap', async () => {
      const rules = {
        groups: [
          {
            name: 'reviewflow',
            rules: [
              {
                alert: 'ReviewflowApi5xx',
                expr: 'sum(rate(http_requests_total{status=~"5.."}[5m])) > 0',
                annotations: { summary: '{{ $labels.job }} answers 5xx' },
              },
            ],
          },
        ],
      };
      const dashboard = { title: 'reviewflow', panels: [{ title: 'p', targets: [{ expr: 'up' }] }] };
      cpSync(path.join(chartDir, 'values.yaml'), path.join(chartCopy, 'values.yaml'));
      const files = path.join(chartCopy, 'files');
      mkdirSync(files, { recursive: true });
      writeFileSync(path.join(files, 'prometheus-rules.yaml'), `# comment\n${JSON.stringify(rules, null, 2)}\n`);
      writeFileSync(path.join(files, 'grafana-dashboard.json'), JSON.stringify(dashboard, null, 2));
      const objects = await renderChart({ chart: chartCopy, set: withMonitoring });
      const [rule, ...moreRules] = byKind(objects, 'PrometheusRule');
      assert.equal(moreRules.length, 0);
      assert.deepEqual(rule!.spec, rules, 'rule groups verbatim, Prometheus templates untouched');
      const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-dashboard'));
      assert.ok(configMap, 'the dashboard ConfigMap');
      assert.equal(configMap.metadata.labels.grafana_dashboard, '1', 'the label the Grafana sidecar watches');
      assert.deepEqual(JSON.parse(configMap.data['reviewflow.json']), dashboard);
    });
  });

  it('renders the real dashboard and rules once they exist in the chart', async () => {
    const objects = await renderChart({ set: ['prometheusRule.enabled=true'] });
    const rulesFile = path.join(chartDir, 'files', 'prometheus-rules.yaml');
    const dashboardFile = path.join(chartDir, 'files', 'grafana-dashboard.json');
    const rules = byKind(objects, 'PrometheusRule');
    if (existsSync(rulesFile)) {
      assert.equal(rules.length, 1);
      assert.deepEqual(rules[0]!.spec.groups, parseYaml(readFileSync(rulesFile, 'utf8')).groups);
    } else {
      assert.equal(rules.length, 0, 'no rules file, no PrometheusRule');
    }
    const dashboards = objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-dashboard'));
    if (existsSync(dashboardFile)) {
      assert.equal(dashboards.length, 1);
      assert.deepEqual(
        JSON.parse(dashboards[0]!.data['reviewflow.json']),
        JSON.parse(readFileSync(dashboardFile, 'utf8')),
      );
    } else {
      assert.equal(dashboards.length, 0, 'no dashboard file, no ConfigMap');
    }
  });
});

/** The environment variables a deployable's config schema knows. */
function envSchemaOf(component: string): Record<string, unknown> {
  const schemas: Record<string, { properties: Record<string, unknown> }> = {
    api: ApiConfigSchema,
    'worker-cpu': CpuWorkerConfigSchema,
    'worker-gpu': GpuWorkerConfigSchema,
  };
  return schemas[component]!.properties;
}
