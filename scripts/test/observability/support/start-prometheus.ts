import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, hasExited, stopChildProcess } from '@reviewflow/devkit';

/** One scrape job of {@link startPrometheus}. */
export interface ScrapeTarget {
  job: string;
  /** `host:port` serving `/metrics`. */
  address: string;
}

/** Options of {@link startPrometheus}. */
export interface StartPrometheusOptions {
  /** Path of the `prometheus` binary. */
  binary: string;
  targets: ScrapeTarget[];
  /** Absolute paths of rule files to load and evaluate. */
  ruleFiles?: string[];
  /** Scrape and rule evaluation interval; short, so a test sees its own traffic within seconds. */
  intervalSeconds?: number;
}

/** A running Prometheus started by {@link startPrometheus}. */
export interface RunningPrometheus {
  /** Base URL of its HTTP API, e.g. `http://127.0.0.1:12345`. */
  url: string;
  /** Everything it printed. */
  output: string[];
  /** Stops it and removes its configuration and data. */
  stop(): Promise<void>;
}

/**
 * Starts a real Prometheus on a free loopback port with a throwaway configuration and data folder,
 * and resolves once it reports ready.
 */
export async function startPrometheus(options: StartPrometheusOptions): Promise<RunningPrometheus> {
  const dir = mkdtempSync(path.join(tmpdir(), 'reviewflow-prometheus-'));
  const interval = `${options.intervalSeconds ?? 1}s`;
  // JSON is YAML: no YAML writer needed.
  const config = {
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    rule_files: options.ruleFiles ?? [],
    scrape_configs: options.targets.map((t) => ({ job_name: t.job, static_configs: [{ targets: [t.address] }] })),
  };
  writeFileSync(path.join(dir, 'prometheus.yml'), JSON.stringify(config, null, 2));
  const port = await freePort();
  const child = spawn(
    options.binary,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  // A binary that cannot start (gone, not executable) reports it here; unheard, it crashes the test file.
  child.once('error', (err) => output.push(`could not start ${options.binary}: ${err.message}`));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => output.push(line));
  }
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await stopChildProcess(child, { graceMs: 5_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (hasExited(child)) {
      await stop();
      throw new Error(`prometheus exited at start:\n${output.slice(-20).join('\n')}`);
    }
    try {
      if ((await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) })).ok) return { url, output, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready within 30 s:\n${output.slice(-20).join('\n')}`);
    }
    await sleep(200);
  }
}
