// `npm run record-histories`: runs every workflow type for real against a fresh Temporal dev server
// and writes their histories to packages/workflows/test/histories/, where the replay test checks
// that today's workflow code still replays them. Existing files are never overwritten (old histories
// are the point); after a patched change, record the new shape under a tag:
//   npm run record-histories -- --tag v2
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCommit, createGitRepo, createPlantedRepo, findTemporalCli, startDevServer } from '@reviewflow/devkit';
import { createCpuWorkers, loadCpuWorkerConfig } from '@reviewflow/worker-cpu';
import { createGpuWorker, loadGpuWorkerConfig } from '@reviewflow/worker-gpu';
import {
  approvalUpdate,
  idempotencyRecordWorkflowType,
  orgReviewWorkflowId,
  orgReviewWorkflowType,
  reviewWorkflowType,
  TaskQueue,
  type OrgRepository,
} from '@reviewflow/contract';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const out = new URL('../packages/workflows/test/histories/', import.meta.url);
const { values: args } = parseArgs({ options: { tag: { type: 'string' } } });
const suffix = args.tag ? `-${args.tag}` : '';
const cli = await findTemporalCli({ log: console.log });
if (cli.kind !== 'existing-path') throw new Error('recording needs the Temporal CLI');
const cliPath = cli.path;
const server = await startDevServer({ cli: cliPath });
const env = {
  TEMPORAL_ADDRESS: server.address,
  REVIEWFLOW_DATA_DIR: mkdtempSync(join(tmpdir(), 'reviewflow-record-')),
};
const workerConnection = await NativeConnection.connect({ address: server.address });
const workers = [
  ...(await createCpuWorkers(loadCpuWorkerConfig(env), workerConnection)),
  await createGpuWorker(loadGpuWorkerConfig(env), workerConnection),
];
const running = workers.map((w) => w.run());
const connection = await Connection.connect({ address: server.address });
const client = new Client({ connection });
const sha = (repo: string, rev: string) => execFileSync('git', ['-C', repo, 'rev-parse', rev]).toString().trim();
const source = (repo: string) => ({
  kind: 'git' as const,
  path: repo,
  base: sha(repo, 'HEAD~1'),
  head: sha(repo, 'HEAD'),
});

// The CLI writes the proto3 JSON form that `historyFromJSON` (and the Temporal UI) read.
async function save(name: string, workflowId: string, runId?: string): Promise<void> {
  const file = new URL(`${name}${suffix}.json`, out);
  if (existsSync(file)) {
    console.log(`kept ${file.pathname} (already recorded)`);
    return;
  }
  const args = ['workflow', 'show', '--address', server.address, '-w', workflowId, '--output', 'json'];
  const json = execFileSync(cliPath, runId ? [...args, '-r', runId] : args, { maxBuffer: 64 * 1024 * 1024 }).toString();
  mkdirSync(out, { recursive: true });
  const history = JSON.parse(json) as { events: unknown[] };
  // Replay needs the workflow id too: workflow code derives child ids from it.
  writeFileSync(file, `${JSON.stringify({ workflowId, history }, null, 1)}\n`);
  console.log(`recorded ${name} (${history.events.length} events)`);
}

try {
  const repo = createPlantedRepo();
  const plain = await client.workflow.start(reviewWorkflowType, {
    taskQueue: TaskQueue.cpu,
    workflowId: 'record:review',
    args: [{ source: source(repo) }],
  });
  await plain.result();
  await save('review-completed', plain.workflowId);

  addCommit(repo, { 'src/debug.py': 'print("x")\n' });
  const approved = await client.workflow.start(reviewWorkflowType, {
    taskQueue: TaskQueue.cpu,
    workflowId: 'record:review-approved',
    args: [{ source: source(repo), approval: { required: true } }],
  });
  await approved.executeUpdate(approvalUpdate, { args: [{ decision: 'approve', reason: 'recorded' }] });
  await approved.result();
  await save('review-approved', approved.workflowId);

  const timedOut = await client.workflow.start(reviewWorkflowType, {
    taskQueue: TaskQueue.cpu,
    workflowId: 'record:review-approval-timeout',
    args: [{ source: source(repo), approval: { required: true, timeoutSeconds: 1 } }],
  });
  await timedOut.result();
  await save('review-approval-timeout', timedOut.workflowId);

  const repos: OrgRepository[] = [
    { kind: 'git', path: '/nonexistent/recorded', base: 'HEAD~1', head: 'HEAD' },
    ...Array.from({ length: 5 }, (_, i) => ({
      kind: 'git' as const,
      path: createGitRepo([{ 'a.txt': 'a\n' }, { 'src/x.js': `export const x = ${i};\n` }]),
      base: 'HEAD~1',
      head: 'HEAD',
    })),
  ];
  const orgId = orgReviewWorkflowId('recorded', 'starter', repos);
  const org = await client.workflow.start(orgReviewWorkflowType, {
    taskQueue: TaskQueue.cpu,
    workflowId: orgId,
    args: [
      { org: 'recorded', tier: 'starter', repositories: repos, maxParallelReviews: 2, historyEventsThreshold: 30 },
    ],
  });
  await org.result();
  // The first run of the chain (it ended by continuing as new) and the last one.
  await save('org-review-first-run', orgId, org.firstExecutionRunId);
  await save('org-review-last-run', orgId);

  const record = await client.workflow.start(idempotencyRecordWorkflowType, {
    taskQueue: TaskQueue.cpu,
    workflowId: 'record:idempotency',
    args: [{ ttlSeconds: 1 }],
    memo: { bodyHash: '0'.repeat(64), targetId: 'record:review', status: 202 },
  });
  await record.result();
  await save('idempotency-record', record.workflowId);
} finally {
  for (const w of workers) w.shutdown();
  await Promise.allSettled(running);
  await workerConnection.close();
  await connection.close();
  await server.stop();
}
