import type { ServicePorts, TemporalService } from './temporal-service-config.js';

/** A process of the cluster: `frontend`, `history-1`, `history-2`, `matching-1`, `matching-2`, `worker`. */
export type ClusterProcessName = `${TemporalService}` | `${'history' | 'matching'}-${number}`;

/** One process of the cluster as planned: the service it runs, its own ports, its configuration file. */
export interface ClusterProcessSpec {
  name: ClusterProcessName;
  service: TemporalService;
  ports: ServicePorts;
  configFile: string;
}
