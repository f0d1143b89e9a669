/**
 * Where `npm run prometheus` serves Prometheus by default, and so where the provisioned Grafana data
 * source (grafana/provisioning/datasources/prometheus.yaml) looks for it.
 */
export const localPrometheusAddress = '127.0.0.1:9090';
