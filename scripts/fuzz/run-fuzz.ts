/**
 * `npm run fuzz`: schemathesis (an outside OpenAPI fuzzer, pinned, see ensure-schemathesis.ts)
 * against the embedded stack — a Temporal dev server, `npm start`'s API and both workers on free
 * ports, a loopback GitHub — for every route of `/openapi.json`, in all phases (examples,
 * coverage, fuzzing, stateful along the document's links from POST /reviews), checking that no
 * answer is a 5xx and that every status, media type and body is the documented one. Runs twice:
 * with a fixed seed (the same cases every run) and with a random one, printed for replay
 * (`FUZZ_SEED=<seed> npm run fuzz`). Exits non-zero on any failure or error, and stops everything
 * it started either way. `FUZZ_MAX_EXAMPLES` (default 10) bounds the cases per operation and phase.
 */
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTemporalCli, startDevServer, startFakeGitHub, stopChildProcess } from '@reviewflow/devkit';
import { startBenchStack } from '../bench/start-bench-stack.js';
import { ensureSchemathesis } from './ensure-schemathesis.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixedSeed = 20240917;
const maxExamples = Number(process.env.FUZZ_MAX_EXAMPLES ?? 10);
// A case that takes longer than this is a finding: bad input must be answered at once.
const requestTimeoutSeconds = 10;
const checks = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
];

const say = (line: string): void => console.log(`[fuzz] ${line}`);

async function main(): Promise<number> {
  const schemathesis = await ensureSchemathesis(say);
  const cli = await findTemporalCli({ projectRoot: root, log: say });
  if (cli.kind === 'sdk-download') throw new Error('npm run fuzz needs the Temporal CLI (see README)');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'reviewflow-fuzz-'));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  try {
    say('starting a Temporal dev server, a loopback GitHub, the API and both workers on free ports');
    const temporal = await startDevServer({ cli: cli.path });
    cleanups.unshift(() => temporal.stop());
    // Pull requests it does not know are a 404, which the API answers 422: github.com is never asked.
    const github = await startFakeGitHub();
    cleanups.unshift(() => github.close());
    const stack = await startBenchStack({
      root,
      temporalAddress: temporal.address,
      dataDir,
      env: { GITHUB_API_URL: github.baseUrl, LOG_LEVEL: 'error' },
      logFile: path.join(dataDir, 'stack.log'),
    });
    cleanups.unshift(() => stack.stop());
    say(`stack up: ${stack.api}`);

    const randomSeed = Number(process.env.FUZZ_SEED ?? randomInt(1, 2 ** 31));
    let failed = false;
    for (const [name, seed] of [
      ['fixed seed', fixedSeed],
      ['random seed', randomSeed],
    ] as const) {
      say(`${name} ${seed} (replay: FUZZ_SEED=${seed} npm run fuzz), ${maxExamples} examples per operation`);
      const code = await run(
        schemathesis,
        [
          'run',
          `${stack.api}/openapi.json`,
          '--phases=examples,coverage,fuzzing,stateful',
          `--checks=${checks.join(',')}`,
          `--seed=${seed}`,
          `--max-examples=${maxExamples}`,
          `--request-timeout=${requestTimeoutSeconds}`,
          '--workers=2',
          '--no-color',
          '--header',
          `Authorization: Bearer ${stack.apiKey}`,
        ],
        dataDir,
      );
      say(`${name} ${seed}: ${code === 0 ? 'no failures' : `schemathesis exited ${code}`}`);
      failed ||= code !== 0;
    }
    return failed ? 1 : 0;
  } finally {
    say('stopping everything');
    for (const cleanup of cleanups) await cleanup().catch((err: unknown) => say(`cleanup: ${String(err)}`));
  }
}

async function run(command: string, args: string[], cwd: string): Promise<number> {
  // In the run's own folder: schemathesis keeps a `.schemathesis/` there, never in the checkout.
  const child = spawn(command, args, { cwd, stdio: 'inherit', env: { ...process.env, PYTHONUNBUFFERED: '1' } });
  const stop = () => void stopChildProcess(child, { graceMs: 5_000 });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', (err) => reject(new Error(`could not run ${command}: ${err.message}`)));
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
  });
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  return code;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[fuzz] failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
