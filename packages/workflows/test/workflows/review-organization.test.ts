import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { createGitRepo } from '@reviewflow/devkit';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  orgReviewWorkflowId,
  TaskQueue,
  tierTaskQueue,
  type OrgRepository,
  type OrgReviewResult,
  type Tier,
} from '@reviewflow/contract';
import { startReviewWorkers } from '../support/review-workers.js';
import { startTimeSkippingEnv } from '../support/test-environments.js';

/** `count` repositories, each with a head commit adding one file; `broken` of them point nowhere. */
function repositories(count: number, broken = 0): OrgRepository[] {
  return Array.from({ length: count }, (_, i) => {
    if (i < broken) return { kind: 'git', path: `/nonexistent/repo-${i}`, base: 'HEAD~1', head: 'HEAD' };
    const path = createGitRepo([{ 'README.md': `repo ${i}\n` }, { 'src/index.js': `export const n = ${i};\n` }]);
    return { kind: 'git', path, base: 'HEAD~1', head: 'HEAD' };
  });
}

const reportsIn = (dir: string) =>
  readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('report.json'));
const alertsIn = (dir: string) =>
  readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('org-alert.json'));

describe('reviewOrganization on the time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  before(async () => {
    env = await startTimeSkippingEnv();
  });
  after(async () => {
    await env?.teardown();
  });

  const run = async (org: string, tier: Tier, repos: OrgRepository[], extra: object = {}) => {
    const workers = await startReviewWorkers(env.nativeConnection, {
      cpuQueues: [TaskQueue.cpu, tierTaskQueue('pro')],
    });
    const workflowId = orgReviewWorkflowId(org, tier, repos);
    const result = await workers.runUntil(async () => {
      const handle = await env.client.workflow.start('reviewOrganization', {
        taskQueue: TaskQueue.cpu,
        workflowId,
        args: [{ org, tier, repositories: repos, ...extra }],
      });
      return (await handle.result()) as OrgReviewResult;
    });
    return { result, workflowId, dataDir: workers.dataDir };
  };

  it('runs each child on the tier queue and tolerates a few failures without alerting', async () => {
    const { result, workflowId, dataDir } = await run('acme', 'pro', repositories(8, 2));
    assert.deepEqual(
      { total: result.total, completed: result.completed, failed: result.failed },
      { total: 8, completed: 6, failed: 2 },
    );
    assert.equal(result.alerted, false, '2 of 8 is not more than a quarter');
    assert.equal(result.taskQueue, 'reviewflow-cpu-pro');
    assert.deepEqual(result.failures.map((f) => f.index).sort(), [0, 1]);
    assert.match(result.failures[0]!.reason, /repository|exist/i);
    const child = await env.client.workflow.getHandle(`${workflowId}:r00005`).describe();
    assert.equal(child.taskQueue, 'reviewflow-cpu-pro');
    assert.equal(child.status.name, 'COMPLETED');
    assert.equal(reportsIn(dataDir).length, 6);
    assert.equal(alertsIn(dataDir).length, 0);
  });

  it('raises the alert once when more than a quarter of the children fail', async () => {
    const { result, dataDir } = await run('globex', 'starter', repositories(8, 3), { maxParallelReviews: 4 });
    assert.equal(result.failed, 3);
    assert.equal(result.alerted, true);
    assert.equal(alertsIn(dataDir).length, 1);
  });

  it('continues as new through a long batch and reviews every repository exactly once', async () => {
    const repos = repositories(24);
    // ~8 events per child in the parent: a 60-event threshold forces several runs.
    const { result, workflowId, dataDir } = await run('initech', 'starter', repos, {
      historyEventsThreshold: 60,
      maxParallelReviews: 3,
    });
    assert.ok(result.continuedRuns >= 2, `continued ${result.continuedRuns} times`);
    assert.deepEqual({ completed: result.completed, failed: result.failed }, { completed: 24, failed: 0 });
    const reports = reportsIn(dataDir);
    assert.equal(reports.length, 24, 'one published report per repository');
    for (let i = 0; i < 24; i++) {
      const child = await env.client.workflow.getHandle(`${workflowId}:r${String(i).padStart(5, '0')}`).describe();
      assert.equal(child.status.name, 'COMPLETED');
    }
  });
});
