import type { ClusterCertificates } from './make-cluster-certificates.js';

/** The four Temporal services; each cluster process runs exactly one. */
export type TemporalService = 'frontend' | 'history' | 'matching' | 'worker';

/** A service process's own ports on 127.0.0.1. */
export interface ServicePorts {
  grpcPort: number;
  membershipPort: number;
  /** Prometheus metrics of this process. */
  metricsPort: number;
}

/** What every process of one cluster shares. */
export interface ClusterSettings {
  /** `host:port` of the TLS frontend, for the internal worker (`publicClient`). */
  frontendAddress: string;
  /** Ports of the first process of each service, listed in every process's file. */
  servicePorts: Record<TemporalService, ServicePorts>;
  postgres: { address: string; user: string; password: string };
  numHistoryShards: number;
  certs: ClusterCertificates;
  dynamicConfigFile: string;
  logLevel: string;
}

/**
 * One process's static configuration, for `temporal-server --config-file F start --service S`: the
 * shared persistence (PostgreSQL for both the default store and SQL visibility), membership on
 * loopback, TLS on the frontend with client certificates required, and this process's own ports.
 * Written as JSON, which is YAML too, so no YAML writer is needed.
 */
export function temporalServiceConfig(service: TemporalService, ports: ServicePorts, cluster: ClusterSettings): string {
  const sql = (databaseName: string, maxConns: number): Record<string, unknown> => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: cluster.postgres.address,
      connectProtocol: 'tcp',
      user: cluster.postgres.user,
      password: cluster.postgres.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const { certs } = cluster;
  const client = { serverName: certs.serverName, rootCaFiles: [certs.caCert] };
  const rpc = (p: ServicePorts): Record<string, unknown> => ({
    rpc: { grpcPort: p.grpcPort, membershipPort: p.membershipPort, bindOnLocalHost: true },
  });
  const config = {
    log: { stdout: true, level: cluster.logLevel },
    persistence: {
      defaultStore: 'default',
      visibilityStore: 'visibility',
      numHistoryShards: cluster.numHistoryShards,
      datastores: { default: sql('temporal', 10), visibility: sql('temporal_visibility', 4) },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      metrics: {
        prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `127.0.0.1:${ports.metricsPort}` },
      },
      tls: {
        frontend: {
          server: {
            certFile: certs.serverCert,
            keyFile: certs.serverKey,
            clientCaFiles: [certs.caCert],
            requireClientAuth: true,
          },
          client,
        },
        // The internal worker is a client of the frontend like any other and needs a certificate.
        systemWorker: { certFile: certs.systemWorkerCert, keyFile: certs.systemWorkerKey, client },
      },
    },
    // Every service must be listed: membership tracks the ones named here. Only this process's own
    // entry is bound; the others' ports are those of their first process.
    services: {
      ...Object.fromEntries(Object.entries(cluster.servicePorts).map(([name, p]) => [name, rpc(p)])),
      [service]: rpc(ports),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: cluster.frontendAddress },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    publicClient: { hostPort: cluster.frontendAddress },
    dynamicConfigClient: { filepath: cluster.dynamicConfigFile, pollInterval: '10s' },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
