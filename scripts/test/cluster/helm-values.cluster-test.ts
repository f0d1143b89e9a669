import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseEnvConfig, TemporalConnectionProperties, temporalConnectionOptions } from '@reviewflow/config';
import { ensureTemporalServer, TemporalCluster } from '@reviewflow/devkit';
import { Connection } from '@temporalio/client';
import { Type } from 'typebox';
import { renderChart, type Manifest } from '../support/render-chart.js';

const cliPath = process.env.TEMPORAL_CLI_PATH;

/**
 * The helm chart's self-hosted mTLS values against the real cluster of `npm run cluster`: the
 * chart is rendered with the production values and the cluster's address and server name; the
 * Secrets it mounts are stood in for by the cluster's certificate files, at the paths the chart
 * gives; and each deployable's rendered Temporal settings, read by the same schema and connection
 * code the deployables use, must reach the frontend over mTLS.
 */
describe(
  'the helm chart mTLS settings against the cluster',
  { skip: cliPath === undefined ? 'run through npm run test:cluster' : false },
  () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'reviewflow-helm-cluster-'));
    let cluster: TemporalCluster;
    let objects: Manifest[];

    before(async () => {
      chmodSync(scratch, 0o711);
      cluster = await TemporalCluster.start({
        dir: path.join(scratch, 'cluster'),
        binaries: await ensureTemporalServer(),
        cli: cliPath!,
      });
      objects = await renderChart({
        values: ['values-production.yaml'],
        set: [
          `temporal.address=${cluster.frontendAddress}`,
          `temporal.namespace=${cluster.namespace}`,
          `temporal.tls.serverName=${cluster.certs.serverName}`,
        ],
      });
    });
    after(async () => {
      await cluster?.stop();
      rmSync(scratch, { recursive: true, force: true });
    });

    it('connects every deployable with the rendered settings and mounted certificates', async () => {
      const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.data?.TEMPORAL_ADDRESS !== undefined);
      assert.ok(configMap, 'a ConfigMap holds the Temporal settings');
      const deployments = objects.filter((o) => o.kind === 'Deployment');
      assert.deepEqual(deployments.map((d) => d.metadata.labels['app.kubernetes.io/component']).sort(), [
        'api',
        'worker-cpu',
        'worker-gpu',
      ]);
      // What the kubelet would mount from the Secrets, as this machine's files.
      const mounted: Record<string, string> = {
        '/etc/reviewflow/temporal/client/tls.crt': cluster.certs.clientCert,
        '/etc/reviewflow/temporal/client/tls.key': cluster.certs.clientKey,
        '/etc/reviewflow/temporal/ca/ca.crt': cluster.certs.caCert,
      };
      for (const deployment of deployments) {
        const container = deployment.spec.template.spec.containers[0];
        assert.ok(
          container.envFrom.some((e: any) => e.configMapRef?.name === configMap.metadata.name),
          `${deployment.metadata.name} reads the Temporal settings`,
        );
        const env: Record<string, string> = {};
        for (const [key, value] of Object.entries(configMap.data as Record<string, string>)) {
          if (!key.startsWith('TEMPORAL_')) continue;
          env[key] = mounted[value] ?? value;
        }
        for (const file of Object.keys(mounted)) {
          const mount = container.volumeMounts.find((m: any) => file.startsWith(`${m.mountPath}/`));
          assert.ok(mount?.readOnly, `${deployment.metadata.name} mounts ${file} read-only`);
        }
        const config = parseEnvConfig(Type.Object(TemporalConnectionProperties), env);
        const connection = await Connection.connect({ ...temporalConnectionOptions(config), connectTimeout: 10_000 });
        try {
          const info = await connection.workflowService.getSystemInfo({});
          assert.ok(info.serverVersion, `${deployment.metadata.name} reached the frontend over mTLS`);
          const namespace = await connection.workflowService.describeNamespace({
            namespace: config.TEMPORAL_NAMESPACE,
          });
          assert.equal(namespace.namespaceInfo?.name, cluster.namespace);
        } finally {
          await connection.close();
        }
      }
    });

    it('is refused by the frontend without the client certificate', async () => {
      const connection = await Connection.connect({
        address: cluster.frontendAddress,
        tls: {
          serverNameOverride: cluster.certs.serverName,
          serverRootCACertificate: cluster.connectionOptions.tls.serverRootCACertificate,
        },
        connectTimeout: 5_000,
      }).catch((err: unknown) => err);
      if (connection instanceof Connection) {
        try {
          await assert.rejects(connection.workflowService.getSystemInfo({}), /certificate|handshake|Unavailable|14/i);
        } finally {
          await connection.close();
        }
      } else {
        assert.match(String(connection), /certificate|handshake|Unavailable|14|connect/i);
      }
    });
  },
);
