import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createGitRepo,
  findTemporalCli,
  startDevServer,
  startNpmStartStack,
  type DevServer,
  type NpmStartStack,
} from '@reviewflow/devkit';
import { pidsOf, respawn } from '../bench/stack-processes.js';

const root = new URL('../..', import.meta.url).pathname;
const key = 'crash-test-key-0123456789';
type Json = Record<string, any>;

describe('a stack whose workers are killed with SIGKILL mid-review', () => {
  let server: DevServer;
  let stack: NpmStartStack;
  let api: string;
  let dataDir: string;
  const respawned: ChildProcess[] = [];

  before(async () => {
    const cli = await findTemporalCli();
    if (cli.kind !== 'existing-path') throw new Error('the Temporal CLI is required');
    server = await startDevServer({ cli: cli.path });
    dataDir = mkdtempSync(join(tmpdir(), 'reviewflow-crash-'));
    // The README's `npm start`, against this test's own Temporal server and ports.
    stack = await startNpmStartStack({
      root,
      temporalAddress: server.address,
      dataDir,
      apiKey: key,
      env: { EMBEDDING_BATCH_SIZE: '4' },
    });
    api = stack.api;
  });

  after(async () => {
    for (const child of respawned) if (child.pid) process.kill(-child.pid, 'SIGKILL');
    await stack?.stop();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as Json;
  };

  it('completes every review, with each one published exactly once', async () => {
    const reviews: string[] = [];
    for (let r = 0; r < 4; r++) {
      const files: Record<string, string> = {};
      for (let i = 0; i < 120; i++) files[`src/m${i}.js`] = `export function f${i}() {\n  console.log(${r});\n}\n`;
      const repo = createGitRepo([{ 'README.md': `${r}\n` }, files]);
      const started = await call('POST', '/reviews', {
        source: { kind: 'git', path: repo, base: 'HEAD~1' },
        maxParallelChunks: 2,
      });
      assert.ok(started.id, JSON.stringify(started));
      reviews.push(started.id);
    }
    // Kill both workers while a review is in its embedding or chunk-review steps.
    const midway = ['embedding', 'reviewing'];
    let stagesAtKill: string[] = [];
    for (let i = 0; i < 600; i++) {
      stagesAtKill = await Promise.all(
        reviews.map(async (id) => (await call('GET', `/reviews/${id}`)).stage ?? 'queued'),
      );
      if (stagesAtKill.some((s) => midway.includes(s))) break;
      await sleep(50);
    }
    assert.ok(
      stagesAtKill.some((s) => midway.includes(s)),
      `no review was mid-way: ${stagesAtKill.join(', ')}`,
    );
    const group = stack.child.pid!;
    const cpu = pidsOf('apps/worker-cpu/src/main.ts', group);
    const gpu = pidsOf('apps/worker-gpu/src/main.ts', group);
    assert.equal(cpu.length, 1, 'one worker-cpu process');
    assert.equal(gpu.length, 1, 'one worker-gpu process');
    for (const pid of [cpu[0]!, gpu[0]!]) respawned.push((await respawn(pid, { signal: 'SIGKILL', cwd: root })).child);

    const finals: Json[] = [];
    for (const id of reviews) {
      let review: Json = {};
      for (let i = 0; i < 1200 && !['completed', 'failed', 'cancelled', 'rejected'].includes(review.status); i++) {
        review = await call('GET', `/reviews/${id}`);
        await sleep(100);
      }
      finals.push(review);
    }
    for (const review of finals) {
      assert.equal(review.status, 'completed', `${review.id}: ${JSON.stringify(review.failure ?? review.stage)}`);
      assert.equal(review.counts.chunksReviewed, 120);
      assert.equal(review.findings.filter((f: Json) => f.rule === 'debug/console-log').length, 120);
    }
    const artifacts = readdirSync(join(dataDir, 'artifacts'), { recursive: true }).map(String);
    assert.equal(artifacts.filter((f) => f.endsWith('report.json')).length, 4, 'one published report per review');
    assert.equal(artifacts.filter((f) => f.endsWith('summary.json')).length, 4, 'one summary per review');
  });
});
