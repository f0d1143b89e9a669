/**
 * `npm run chaos [-- --short] [--reviews N] [--faults worker-cpu,worker-gpu,temporal,api] [--out DIR]`:
 * a batch of GitHub pull-request reviews (loopback GitHub server) through the API of an `npm start`
 * stack while worker-cpu is SIGKILLed three times, worker-gpu once, the Temporal dev server is
 * restarted on the same SQLite file and the API is restarted; then checks that every review
 * completed, none was lost, no side effect happened twice and no 5xx reached a client outside the
 * API restart. `--short` is the CI version (scripts/test/chaos-smoke.test.ts).
 *
 * Prints one summary line on stdout, progress on stderr, writes results.json and stack.log (the
 * apps' and the Temporal server's output) to bench-results/chaos/ (or --out), and exits non-zero
 * when a check failed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseChaosOptions } from './chaos-options.js';
import { performChaosRun } from './perform-chaos-run.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const options = parseChaosOptions(process.argv.slice(2));
const outDir = resolve(options.out ?? join(root, 'bench-results', 'chaos'));
const log = (message: string): void => console.error(`[chaos] ${message}`);

log(`${options.profile} run: ${options.run.reviews} reviews, faults ${options.run.faults.join(', ') || 'none'}`);
// Ctrl-C ends the batch early but still checks and stops everything it started; a second one forces.
const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupt.signal.aborted) process.exit(130);
    log(`${signal}: ending the batch, then checking and stopping everything (again to force)`);
    interrupt.abort();
  });
}
mkdirSync(outDir, { recursive: true });
const result = await performChaosRun(options.run, {
  root,
  log,
  logFile: join(outDir, 'stack.log'),
  signal: interrupt.signal,
});
const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryBytes: totalmem() };
writeFileSync(
  join(outDir, 'results.json'),
  `${JSON.stringify({ startedAt: new Date(Date.now() - result.totalMs).toISOString(), node: process.version, machine, ...result }, null, 2)}\n`,
);
log(`details in ${join(outDir, 'results.json')}`);
console.log(result.summary);
process.exit(result.checks.failures.length === 0 ? 0 : 1);
