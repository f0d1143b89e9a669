import { fileURLToPath } from 'node:url';

/**
 * Where the workflow bundle is built from, and how: the entry file of every workflow type, plus a
 * webpack hook so sources that import siblings as `./x.js` (NodeNext style) resolve to the `.ts`
 * file behind them. Used by worker-cpu, the bundle script and tests; never by workflow code.
 */
export const workflowBundleSource = {
  workflowsPath: fileURLToPath(import.meta.resolve('@reviewflow/workflows/workflows')),
  bundlerOptions: {
    webpackConfigHook: <C extends { resolve?: object }>(config: C): C => ({
      ...config,
      resolve: { ...config.resolve, extensionAlias: { '.js': ['.ts', '.js'] } },
    }),
  },
};
