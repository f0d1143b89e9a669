import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../free-port.js';
import type { ClusterProcessName, ClusterProcessSpec } from './cluster-process-spec.js';
import type { ClusterCertificates } from './make-cluster-certificates.js';
import { portAllocator } from './port-allocator.js';
import {
  temporalServiceConfig,
  type ClusterSettings,
  type ServicePorts,
  type TemporalService,
} from './temporal-service-config.js';

/** Options for {@link planClusterProcesses}. */
export interface PlanClusterProcessesOptions {
  /** The cluster's folder (absolute), where the configuration files go. */
  dir: string;
  /** Frontend gRPC port; a free one when omitted. */
  frontendPort?: number;
  /** First of the ports the other processes take one after another; free ones when omitted. */
  firstInternalPort?: number;
  historyProcesses?: number;
  matchingProcesses?: number;
  numHistoryShards?: number;
  postgres: ClusterSettings['postgres'];
  certs: ClusterCertificates;
}

/** The processes {@link planClusterProcesses} laid out, and where clients reach the cluster. */
export interface ClusterPlan {
  /** In start order: history, matching, frontend, then the internal worker. */
  specs: ClusterProcessSpec[];
  /** `127.0.0.1:<frontend gRPC port>`. */
  frontendAddress: string;
}

/**
 * Lays out the cluster's processes (history and matching twice by default, one frontend, one
 * internal worker), gives each its own gRPC, membership and metrics ports, and writes each one's
 * configuration file (`<dir>/<name>.yaml`, owner-only: it holds the database password) and the
 * shared, empty dynamic configuration (`<dir>/dynamic-config.yaml`).
 */
export async function planClusterProcesses(options: PlanClusterProcessesOptions): Promise<ClusterPlan> {
  const { dir } = options;
  const next = portAllocator(options.firstInternalPort);
  const ownPorts = async (): Promise<ServicePorts> => ({
    grpcPort: await next(),
    membershipPort: await next(),
    metricsPort: await next(),
  });
  const planned: Array<{ name: ClusterProcessName; service: TemporalService; ports: ServicePorts }> = [];
  for (let i = 1; i <= (options.historyProcesses ?? 2); i++)
    planned.push({ name: `history-${i}`, service: 'history', ports: await ownPorts() });
  for (let i = 1; i <= (options.matchingProcesses ?? 2); i++)
    planned.push({ name: `matching-${i}`, service: 'matching', ports: await ownPorts() });
  const frontendPorts = { ...(await ownPorts()), grpcPort: options.frontendPort ?? (await freePort()) };
  planned.push({ name: 'frontend', service: 'frontend', ports: frontendPorts });
  planned.push({ name: 'worker', service: 'worker', ports: await ownPorts() });

  const frontendAddress = `127.0.0.1:${frontendPorts.grpcPort}`;
  const dynamicConfigFile = path.join(dir, 'dynamic-config.yaml');
  writeFileSync(dynamicConfigFile, '{}\n');
  const first = (service: TemporalService): ServicePorts => planned.find((p) => p.service === service)!.ports;
  const settings: ClusterSettings = {
    frontendAddress,
    servicePorts: {
      frontend: frontendPorts,
      history: first('history'),
      matching: first('matching'),
      worker: first('worker'),
    },
    postgres: options.postgres,
    numHistoryShards: options.numHistoryShards ?? 8,
    certs: options.certs,
    dynamicConfigFile,
    logLevel: 'warn',
  };
  const specs: ClusterProcessSpec[] = planned.map((p) => {
    const configFile = path.join(dir, `${p.name}.yaml`);
    writeFileSync(configFile, temporalServiceConfig(p.service, p.ports, settings), { mode: 0o600 });
    return { ...p, configFile };
  });
  return { specs, frontendAddress };
}
