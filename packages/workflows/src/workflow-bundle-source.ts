import { fileURLToPath } from 'node:url';

const workflowsPath = fileURLToPath(import.meta.resolve('@reviewflow/workflows/workflows'));
// Resolved to a `.ts` file when the process runs from source (`--conditions=reviewflow-source`,
// `npm start` and tests on a clean clone without dist/); webpack must then pick the same source
// files for the workspace package the workflows import at run time (@reviewflow/contract), or it
// would look for dist/ output that was never built.
const fromSource = workflowsPath.endsWith('.ts');

/**
 * Where the workflow bundle is built from, and how, in the shape `bundleWorkflowCode` takes: the
 * entry file of every workflow type, plus a webpack hook so sources that import siblings as `./x.js`
 * (NodeNext style) resolve to the `.ts` file behind them. Used by worker-cpu, the bundle script and
 * tests; never by workflow code.
 */
export const workflowBundleSource = {
  workflowsPath,
  webpackConfigHook: <C extends { resolve?: object }>(config: C): C => ({
    ...config,
    resolve: {
      ...config.resolve,
      extensionAlias: { '.js': ['.ts', '.js'] },
      ...(fromSource ? { conditionNames: ['reviewflow-source', '...'] } : {}),
    },
  }),
};
