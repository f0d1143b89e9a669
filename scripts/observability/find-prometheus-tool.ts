import { findTool } from '@reviewflow/devkit';

/**
 * The path of `prometheus` or `promtool`: `PROMETHEUS_PATH` / `PROMTOOL_PATH` (which `npm test` sets
 * after finding or, as root, apt-installing Debian's `prometheus`), else on PATH. The observability
 * tests check the dashboard and alert rules against a real Prometheus and never skip without one: a
 * missing binary throws a one-line message that says how to install it.
 */
export function findPrometheusTool(name: 'prometheus' | 'promtool'): string {
  return findTool(name);
}
