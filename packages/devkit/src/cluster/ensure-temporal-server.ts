import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { runCommand } from '../run-command.js';

/** The Temporal server release the cluster runs, built from the Go module proxy. */
export const temporalServerVersion = '1.32.2';
/** The server's go.mod asks for a newer Go than Debian's; the go command fetches this one itself. */
const goToolchain = 'go1.27.3';
const modulePath = 'go.temporal.io/server';

/** The built server, its SQL schema tool and the schema files of the same release. */
export interface TemporalServerBinaries {
  version: string;
  /** `temporal-server` (`cmd/server`). */
  server: string;
  /** `temporal-sql-tool` (`cmd/tools/sql`). */
  sqlTool: string;
  /** `schema/postgresql/v12` of the module: `temporal/versioned` and `visibility/versioned`. */
  postgresSchemaDir: string;
}

/**
 * The Temporal server binaries of {@link temporalServerVersion}, built once with `go install` from
 * the Go module proxy into `~/.cache/reviewflow/temporal-server-<version>` (or
 * `REVIEWFLOW_CACHE_DIR`) and reused from there: a fresh clone on the same machine does not build
 * again. The folder only appears once the build succeeded, so an interrupted build starts over.
 */
export async function ensureTemporalServer(
  options: { log?: (message: string) => void; signal?: AbortSignal } = {},
): Promise<TemporalServerBinaries> {
  const cacheRoot = process.env.REVIEWFLOW_CACHE_DIR || path.join(homedir(), '.cache', 'reviewflow');
  const dir = path.join(cacheRoot, `temporal-server-${temporalServerVersion}`);
  const binaries: TemporalServerBinaries = {
    version: temporalServerVersion,
    server: path.join(dir, 'bin', 'temporal-server'),
    sqlTool: path.join(dir, 'bin', 'temporal-sql-tool'),
    postgresSchemaDir: path.join(dir, 'schema', 'postgresql', 'v12'),
  };
  if (existsSync(binaries.server) && existsSync(binaries.sqlTool) && existsSync(binaries.postgresSchemaDir))
    return binaries;

  const go = await runCommand('go', ['version'], { timeoutMs: 30_000 });
  if (go.code !== 0)
    throw new Error(
      'building the Temporal server needs the go command on PATH (Debian package golang-go, or go.dev/dl)',
    );
  mkdirSync(cacheRoot, { recursive: true });
  const work = mkdtempSync(path.join(cacheRoot, `.temporal-server-${temporalServerVersion}-`));
  try {
    const env = { ...process.env, GOTOOLCHAIN: goToolchain, GOBIN: path.join(work, 'bin'), GOFLAGS: '-buildvcs=false' };
    options.log?.(
      `building the Temporal server v${temporalServerVersion} from the Go module proxy with ${goToolchain} ` +
        `(once, into ${dir}; 3-4 minutes on 2 cores, seconds when Go's build cache has it)`,
    );
    const started = Date.now();
    const ticker = setInterval(
      () => options.log?.(`still building the Temporal server (${Math.round((Date.now() - started) / 1000)} s)`),
      30_000,
    );
    let built;
    try {
      built = await runCommand(
        'go',
        [
          'install',
          `${modulePath}/cmd/server@v${temporalServerVersion}`,
          `${modulePath}/cmd/tools/sql@v${temporalServerVersion}`,
        ],
        { env, cwd: work, timeoutMs: 60 * 60_000, ...(options.signal ? { signal: options.signal } : {}) },
      );
    } finally {
      clearInterval(ticker);
    }
    if (built.code !== 0)
      throw new Error(
        `go install of ${modulePath}@v${temporalServerVersion} failed:\n${built.output.trim().split('\n').slice(-20).join('\n')}`,
      );
    const modCache = await runCommand('go', ['env', 'GOMODCACHE'], { env, timeoutMs: 30_000 });
    const moduleDir = path.join(modCache.output.trim(), `${modulePath}@v${temporalServerVersion}`);
    cpSync(path.join(moduleDir, 'schema', 'postgresql', 'v12'), path.join(work, 'schema', 'postgresql', 'v12'), {
      recursive: true,
    });
    // The module cache is read-only; the copy must be removable when a later version replaces it.
    await runCommand('chmod', ['-R', 'u+w', path.join(work, 'schema')], { timeoutMs: 30_000 });
    renameSync(path.join(work, 'bin', 'server'), path.join(work, 'bin', 'temporal-server'));
    renameSync(path.join(work, 'bin', 'sql'), path.join(work, 'bin', 'temporal-sql-tool'));
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
    options.log?.(`built the Temporal server in ${Math.round((Date.now() - started) / 1000)} s`);
    return binaries;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
