/* eslint-disable no-control-regex -- these tests look for terminal escape codes */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createGitRepo,
  createPlantedRepo,
  findTemporalCli,
  freePort,
  startDevServer,
  startNpmStartStack,
  type DevServer,
  type NpmStartStack,
} from '@reviewflow/devkit';
import { sarifValidator } from './support/sarif-schema.js';

const root = new URL('../../..', import.meta.url).pathname;
const key = 'cli-test-key-0123456789abcdef';
type Json = Record<string, any>;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('the reviewflow CLI against a real npm start stack', () => {
  let server: DevServer;
  let stack: NpmStartStack;
  let api: string;
  const temp: string[] = [];
  const baseEnv = (): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, REVIEWFLOW_URL: api, REVIEWFLOW_API_KEY: key };
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    return env;
  };
  /** `npx reviewflow ...` from the repository root, as a user or CI job runs it. */
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn('npx', ['--no-install', 'reviewflow', ...args], {
        cwd: root,
        env: { ...baseEnv(), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  /** The same on a pseudo-terminal (util-linux `script`), where the CLI draws its bar and colours. */
  const cliOnTerminal = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> => {
    const quoted = ['npx', '--no-install', 'reviewflow', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    return new Promise((resolve, reject) => {
      const child = spawn('script', ['-qefc', quoted, '/dev/null'], {
        cwd: root,
        env: { ...baseEnv(), ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
    });
  };
  const metric = async (name: string): Promise<number> => {
    const text = await (await fetch(`${api}/metrics`, { headers: { authorization: `Bearer ${key}` } })).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line ? Number(line.split(' ')[1]) : NaN;
  };
  const idOf = (run: Run): string => {
    const match = /(?:started|existing) review (\S+)/.exec(run.stderr);
    assert.ok(match, `no review id in: ${run.stderr}`);
    return match[1]!;
  };
  const repo = (files: Record<string, string>): string => {
    const dir = createGitRepo([{ 'README.md': 'x\n' }, files]);
    temp.push(dir);
    return dir;
  };

  before(async () => {
    const temporalCli = await findTemporalCli();
    if (temporalCli.kind !== 'existing-path') throw new Error('the Temporal CLI is required');
    server = await startDevServer({ cli: temporalCli.path });
    const dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-cli-'));
    temp.push(dataDir);
    // The README's `npm start`, against this test's own Temporal server and ports.
    stack = await startNpmStartStack({
      root,
      temporalAddress: server.address,
      dataDir,
      apiKey: key,
      // Kept for the failure message: a stack that never becomes ready says why in its own output.
      logFile: join(dataDir, 'stack.log'),
      readyTimeoutMs: 90_000,
    });
    api = stack.api;
  });

  after(async () => {
    await stack?.stop();
    await server?.stop();
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  });

  it('prints its usage', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /reviewflow review <path \| owner\/repo#number>/);
    const wrong = await cli(['frobnicate']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /unknown command "frobnicate"/);
  });

  it('reviews a commit of this repository with a live progress bar and writes SARIF that validates', async () => {
    const clone = mkdtempSync(join(tmpdir(), 'reviewflow-self-'));
    temp.push(clone);
    execFileSync('git', ['clone', '--quiet', root, clone]);
    const sarifFile = join(clone, 'reviewflow.sarif');
    const run = await cliOnTerminal(
      ['review', clone, '--base', 'HEAD~1', '--head', 'HEAD', '--wait', '--format', 'sarif', '-o', sarifFile],
      { NO_COLOR: '1' },
    );
    assert.equal(run.code, 0, run.stdout);
    // A bar redrawn in place on the terminal, ending at every chunk reviewed.
    assert.match(run.stdout, /\r\x1b\[2K(fetching|chunking|embedding|reviewing|queued)/);
    const bars = [...run.stdout.matchAll(/\[([#-]{24})\]\s+(\d+)\/(\d+) chunks/g)];
    assert.ok(bars.length > 0, run.stdout);
    const lastBar = bars.at(-1)!;
    assert.equal(lastBar[2], lastBar[3], 'the last bar shows every chunk done');
    assert.doesNotMatch(run.stdout, /\x1b\[3\dm/, 'NO_COLOR: no colours even on a terminal');
    assert.match(run.stdout, /completed/);

    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as Json;
    const validate = sarifValidator();
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5)));
    assert.equal(sarif.version, '2.1.0');
    const runLog = sarif.runs[0];
    assert.equal(runLog.tool.driver.name, 'reviewflow');
    assert.match(runLog.tool.driver.version, /^\d+\.\d+\.\d+/);
    assert.equal(runLog.tool.extensions[0].properties.role, 'reviewer');
    assert.equal(runLog.invocations[0].executionSuccessful, true);

    // The SARIF results are the review's findings, each at its file and line.
    const id = runLog.properties.reviewId as string;
    const status = await cli(['status', id, '--format', 'json']);
    assert.equal(status.code, 0, status.stderr);
    const review = JSON.parse(status.stdout) as Json;
    assert.equal(review.status, 'completed');
    assert.equal(review.source.path, clone);
    assert.equal(runLog.results.length, review.findings.length);
    for (const [i, f] of (review.findings as Json[]).entries()) {
      const result = runLog.results[i];
      assert.equal(result.ruleId, f.rule);
      assert.equal(runLog.tool.driver.rules[result.ruleIndex].id, f.rule);
      assert.equal(result.locations[0].physicalLocation.region.startLine, f.line);
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, encodeURI(f.file));
    }
  });

  it('gates CI on findings at or above a severity, showing progress and the findings by file', async () => {
    const planted = createPlantedRepo();
    temp.push(planted);
    const gated = await cli(['review', planted, '--wait', '--fail-on', 'high']);
    assert.equal(gated.code, 1, gated.stderr);
    assert.match(gated.stderr, /gate: \d+ findings? at high or above/);
    // Progress lines in a log (no terminal): the stage and chunks done of total.
    const lines = [...gated.stderr.matchAll(/^(\w+)\s+\[[#-]{24}\]\s+(\d+)\/(\d+) chunks/gm)];
    assert.ok(lines.length >= 2, gated.stderr);
    assert.equal(lines.at(-1)![2], lines.at(-1)![3], 'the last line shows every chunk done');
    assert.match(gated.stdout, /^src\/app\.js\n\s+4\s+low\s+debug\/console-log/m);
    assert.match(gated.stdout, /^src\/config\.js\n\s+3\s+(critical|high)\s+secret\//m);
    assert.doesNotMatch(gated.stdout + gated.stderr, /\x1b\[/, 'no colours or cursor codes without a terminal');

    const onlyDebug = repo({ 'src/a.js': 'export function f() {\n  console.log(1);\n}\n' });
    const passes = await cli(['review', onlyDebug, '--wait', '--fail-on', 'medium', '--no-progress']);
    assert.equal(passes.code, 0, passes.stderr);
    assert.doesNotMatch(passes.stderr, /chunks/, '--no-progress');
    const id = idOf(passes);
    const stricter = await cli(['status', id, '--fail-on', 'low', '--format', 'json']);
    assert.equal(stricter.code, 1);
    assert.equal(JSON.parse(stricter.stdout).id, id);
    // The findings that failed the gate are listed on stderr when stdout carries JSON.
    assert.match(stricter.stderr, /src\/a\.js\n\s+2\s+low/);
  });

  it('follows one review from several terminals through one poller in the API', async () => {
    const gatedRepo = repo({ 'src/b.js': 'export const b = 1;\n' });
    const started = await cli(['review', gatedRepo, '--approval', '--format', 'json']);
    assert.equal(started.code, 0, started.stderr);
    const id = JSON.parse(started.stdout).id as string;
    const watchers = Array.from({ length: 4 }, () => cli(['status', id, '--wait']));
    let seen = { watchers: 0, pollers: 0 };
    for (let i = 0; i < 200; i++) {
      seen = {
        watchers: await metric('reviewflow_review_event_watchers'),
        pollers: await metric('reviewflow_review_event_pollers'),
      };
      if (seen.watchers === 4) break;
      await sleep(100);
    }
    assert.deepEqual(seen, { watchers: 4, pollers: 1 }, 'four watching CLIs, one poller');
    const approved = await cli(['approve', id, '--reason', 'fine']);
    assert.equal(approved.code, 0, approved.stderr);
    for (const run of await Promise.all(watchers)) {
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /completed/);
      assert.match(run.stdout, /approval\s+approved/);
    }
    assert.equal(await metric('reviewflow_review_event_pollers'), 0);
  });

  it('rejects, cancels and lists reviews, and exits non-zero on reviews that did not complete', async () => {
    const toReject = idOf(await cli(['review', repo({ 'c.js': 'export const c = 1;\n' }), '--approval']));
    const noReason = await cli(['reject', toReject]);
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /reject needs --reason/);
    assert.equal((await cli(['reject', toReject, '--reason', 'not now'])).code, 0);
    const rejected = await cli(['status', toReject, '--wait']);
    assert.equal(rejected.code, 4, rejected.stdout);
    assert.match(rejected.stdout, /rejected/);

    // A decision the review can no longer take: a problem response, printed readably.
    const late = await cli(['approve', toReject]);
    assert.equal(late.code, 3);
    assert.match(late.stderr, /error: .+ \(HTTP 409\)\n {2}.+\n {2}type: https:\/\/reviewflow\.dev\/problems\//);

    const toCancel = idOf(await cli(['review', repo({ 'd.js': 'export const d = 1;\n' }), '--approval']));
    assert.equal((await cli(['cancel', toCancel])).code, 0);
    const cancelled = await cli(['status', toCancel, '--wait', '--format', 'json']);
    assert.equal(cancelled.code, 4);
    assert.equal(JSON.parse(cancelled.stdout).status, 'cancelled');

    const list = await cli(['list', '--format', 'json', '--limit', '100']);
    assert.equal(list.code, 0, list.stderr);
    const ids = (JSON.parse(list.stdout) as Json[]).map((r) => r.id);
    assert.ok(ids.includes(toReject) && ids.includes(toCancel));
    const text = await cli(['list', '--status', 'cancelled']);
    assert.match(text.stdout, new RegExp(`cancelled\\s+\\S+\\s+${toCancel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('prints problem responses and connection failures as readable errors', async () => {
    const missing = await cli(['status', 'review:nope']);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /error: Review not found \(HTTP 404\)\n {2}There is no review with id review:nope/);
    const badKey = await cli(['list'], { REVIEWFLOW_API_KEY: 'wrong-key-0123456789' });
    assert.equal(badKey.code, 3);
    assert.match(badKey.stderr, /\(HTTP 401\)/);
    const flagWins = await cli(['list', '--api-key', key], { REVIEWFLOW_API_KEY: 'wrong-key-0123456789' });
    assert.equal(flagWins.code, 0, flagWins.stderr);
    const nowhere = await cli(['list', '--url', `http://127.0.0.1:${await freePort()}`]);
    assert.equal(nowhere.code, 3);
    assert.match(nowhere.stderr, /cannot reach the reviewflow API/);
  });

  it('colours its output on a terminal only', async () => {
    const planted = createPlantedRepo();
    temp.push(planted);
    const run = await cliOnTerminal(['review', planted, '--wait']);
    assert.equal(run.code, 0, run.stdout);
    assert.match(run.stdout, /\x1b\[31m/, 'severities in colour on a terminal');
  });
});
