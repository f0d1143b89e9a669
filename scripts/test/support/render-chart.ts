import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { findHelm } from './find-helm.js';

const run = promisify(execFile);

/** The chart in this repository. */
export const chartDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../helm/reviewflow');

/**
 * The Kubernetes version helm renders for. A helm built with `go install` lacks the version that
 * release builds stamp in and would assume v1.20, below the chart's kubeVersion.
 */
export const kubeVersion = '1.30.0';

/** A rendered Kubernetes object, loosely typed: tests walk whatever the chart produced. */
export type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; [k: string]: any };
  [k: string]: any;
};

/** Options of {@link renderChart}. */
export interface RenderOptions {
  /** Values files, relative to the chart or absolute, applied in order. */
  values?: string[];
  /** `--set` expressions. */
  set?: string[];
  chart?: string;
  namespace?: string;
}

/** `helm template` of the chart, parsed into its objects (empty documents dropped). */
export async function renderChart(options: RenderOptions = {}): Promise<Manifest[]> {
  const chart = options.chart ?? chartDir;
  const args = [
    'template',
    'reviewflow',
    chart,
    '--namespace',
    options.namespace ?? 'reviewflow',
    '--kube-version',
    kubeVersion,
  ];
  for (const file of options.values ?? []) args.push('--values', path.resolve(chart, file));
  for (const expression of options.set ?? []) args.push('--set', expression);
  const { stdout } = await run(findHelm(), args, { maxBuffer: 32 * 1024 * 1024 });
  return parseAllDocuments(stdout).flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`helm rendered invalid YAML: ${doc.errors[0]?.message}`);
    const value = doc.toJS() as Manifest | null;
    return value === null ? [] : [value];
  });
}

/** `helm lint --strict` with the given values files; rejects with helm's output on a finding. */
export async function lintChart(values: string[] = [], chart = chartDir): Promise<string> {
  const args = ['lint', chart, '--strict', '--kube-version', kubeVersion];
  for (const file of values) args.push('--values', path.resolve(chart, file));
  try {
    const { stdout } = await run(findHelm(), args);
    return stdout;
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(`helm lint ${values.join(' ')} failed:\n${stdout}${stderr}`, { cause: err });
  }
}
