import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  createGitRepo,
  ensureTemporalServer,
  startFakeGitHub,
  TemporalCluster,
  type FakeGitHub,
  type FakePullRequest,
} from '@reviewflow/devkit';
import {
  orgChildReviewId,
  orgReviewWorkflowId,
  orgReviewWorkflowType,
  reviewWorkflowId,
  reviewWorkflowType,
  TaskQueue,
  tierTaskQueue,
} from '@reviewflow/contract';
import { Client, Connection, type DataConverter, type Payload } from '@temporalio/client';
import proto from '@temporalio/proto';
import { countPublishedReports } from '../../bench/count-published-reports.js';
import { createChaosPullRequests } from '../../chaos/chaos-pull-requests.js';
import { ReplicaStack } from '../../chaos/replica-stack.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cliPath = process.env.TEMPORAL_CLI_PATH;
type Json = Record<string, any>;
type PayloadCodec = NonNullable<DataConverter['payloadCodecs']>[number];
type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;
const { TaskQueueType } = proto.temporal.api.enums.v1;

const b64 = (bytes?: Uint8Array | null): string => Buffer.from(bytes ?? []).toString('base64');
const payloadToJson = (p: Payload): Json => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
  data: b64(p.data),
});
const payloadFromJson = (p: Json): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(String(v), 'base64')])),
  data: Buffer.from(String(p.data ?? ''), 'base64'),
});

/**
 * The API's codec endpoint as a payload codec, as `temporal --codec-endpoint` uses it: the test's
 * own client then holds no key, and a run it starts is ciphertext under the stack's key.
 */
function remoteCodec(base: string, apiKey: string, namespace: string): PayloadCodec {
  const call = async (direction: 'encode' | 'decode', payloads: Payload[]): Promise<Payload[]> => {
    const res = await fetch(`${base}/codec/${direction}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'x-namespace': namespace },
      body: JSON.stringify({ payloads: payloads.map(payloadToJson) }),
    });
    if (res.status !== 200) throw new Error(`POST /codec/${direction} answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { payloads: Json[] }).payloads.map(payloadFromJson);
  };
  return { encode: (p) => call('encode', p), decode: (p) => call('decode', p) };
}

/** Server-sent events read as they arrive; `ended` once the server closed the stream. */
class EventStream {
  readonly events: Array<{ event: string; data: string }> = [];
  ended = false;
  readonly done: Promise<void>;

  constructor(body: ReadableStream<Uint8Array>) {
    this.done = (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of body) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const lines = buffer.slice(0, end).split('\n');
            buffer = buffer.slice(end + 2);
            const field = (name: string) =>
              lines.filter((l) => l.startsWith(`${name}:`)).map((l) => l.slice(name.length + 1).replace(/^ /, ''));
            const data = field('data');
            if (data.length > 0) this.events.push({ event: field('event')[0] ?? 'message', data: data.join('\n') });
          }
        }
      } catch {
        // Aborted by the test.
      } finally {
        this.ended = true;
      }
    })();
  }

  async waitFor(what: string, match: (e: { event: string; data: Json }) => boolean, timeoutMs: number) {
    for (const deadline = Date.now() + timeoutMs; ; await sleep(100)) {
      const found = this.events.find((e) => match({ event: e.event, data: JSON.parse(e.data) as Json }));
      if (found) return found;
      if (this.ended || Date.now() > deadline)
        assert.fail(`${what}: not among ${JSON.stringify(this.events.map((e) => e.event))}`);
    }
  }
}

/**
 * Every payload of a history event (inputs, results, failure details, headers, memos...) with where
 * it sits. Search attributes are left out: Temporal indexes them, so they are never encoded.
 */
function payloadsIn(value: unknown, at = '', into: Array<{ at: string; payload: Payload }> = []) {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return into;
  const record = value as Json;
  if (record.metadata && typeof record.metadata === 'object' && ArrayBuffer.isView(record.metadata.encoding)) {
    into.push({ at, payload: record as Payload });
    return into;
  }
  for (const [key, child] of Object.entries(record))
    if (key !== 'searchAttributes') payloadsIn(child, `${at}.${key}`, into);
  return into;
}

/**
 * Issue 16, item 2: the whole feature set of reviewflow with two replicas of the API, worker-cpu and
 * worker-gpu, each its own process, against the multi-process Temporal cluster (PostgreSQL, two
 * history and two matching nodes, mTLS) with encrypted payloads. Every call that can goes to one
 * API replica and its follow-up to the other, and every review publishes exactly once whichever
 * replica ran it.
 */
describe(
  'the two-replica stack on the Temporal cluster over mTLS',
  {
    skip: cliPath === undefined ? 'run through npm run test:cluster' : false,
  },
  () => {
    let scratch: string;
    let logFd: number | undefined;
    let github: FakeGitHub;
    let cluster: TemporalCluster;
    let stack: ReplicaStack;
    let connection: Connection;
    let client: Client;
    let coded: Client;
    let apis: [string, string];
    const repos: string[] = [];
    const salt = randomBytes(6).toString('hex');
    const byRepo = (repo: string, count: number): FakePullRequest[] =>
      createChaosPullRequests(count, 2, `${salt}:${repo}`).map((p) => ({ ...p, repo }));
    const plain = byRepo('chaos', 4);
    const gated = byRepo('gated', 2);
    const watched = byRepo('watched', 1);
    const pullId = (p: FakePullRequest) =>
      reviewWorkflowId({ kind: 'github', owner: p.owner, repo: p.repo, pullNumber: p.number, headSha: p.headSha });
    const logTail = () => (scratch ? readFileSync(path.join(scratch, 'stack.log'), 'utf8').split('\n').slice(-30) : []);

    const call = async (base: string, method: string, url: string, body?: unknown) => {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${stack.apiKey}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : { text }) as Json };
    };
    const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> => {
      let last: unknown;
      for (const deadline = Date.now() + timeoutMs; ; await sleep(250)) {
        try {
          const value = await probe();
          if (value !== undefined) return value;
        } catch (err) {
          last = err;
        }
        if (Date.now() > deadline)
          assert.fail(`${what} within ${timeoutMs / 1000} s (${String(last)})\n${logTail().join('\n')}`);
      }
    };
    const reviewIn = (base: string, id: string, status: string) =>
      until(`${id} ${status} on ${base}`, async () => {
        const got = await call(base, 'GET', `/reviews/${encodeURIComponent(id)}`);
        if (got.status === 200 && got.body.status === status) return got.body;
        if (got.status === 200 && ['failed', 'cancelled'].includes(got.body.status))
          assert.fail(`${id} ended ${got.body.status}: ${JSON.stringify(got.body.failure)}`);
        return undefined;
      });
    /** The ids GET /reviews lists, once visibility shows `expected` (then compared exactly). */
    const listed = async (base: string, query: string, expected: string[]): Promise<string[]> => {
      let ids: string[] = [];
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(250)) {
        const got = await call(base, 'GET', `/reviews?pageSize=100&${query}`);
        assert.equal(got.status, 200, JSON.stringify(got.body));
        ids = (got.body.reviews as Json[]).map((r) => String(r.id)).sort();
        if (JSON.stringify(ids) === JSON.stringify([...expected].sort())) break;
      }
      return ids;
    };
    const pullBody = (p: FakePullRequest, extra: Json = {}, withHead = true) => ({
      source: {
        kind: 'github',
        owner: p.owner,
        repo: p.repo,
        pullNumber: p.number,
        ...(withHead ? { headSha: p.headSha } : {}),
      },
      ...extra,
    });
    const identityOf = (name: string) => `${stack.replica(name).child.pid}@${hostname()}`;
    const history = async (workflowId: string): Promise<HistoryEvent[]> =>
      (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];

    before(async () => {
      scratch = mkdtempSync(path.join(tmpdir(), 'reviewflow-stack-features-'));
      // PostgreSQL runs as its own user and must reach its data folder in here.
      chmodSync(scratch, 0o711);
      logFd = openSync(path.join(scratch, 'stack.log'), 'w');
      const token = `ghp_features_${randomBytes(12).toString('hex')}`;
      github = await startFakeGitHub({ auth: { kind: 'token', token } });
      for (const pull of [...plain, ...gated, ...watched]) github.addPullRequest(pull);
      const log = (message: string) => appendLog(logFd, `[test] ${message}\n`);
      cluster = await TemporalCluster.start({
        dir: path.join(scratch, 'cluster'),
        binaries: await ensureTemporalServer({ log }),
        cli: cliPath!,
        log,
        onLog: (name, line) => appendLog(logFd, `[${name}] ${line}\n`),
      });
      stack = await ReplicaStack.start({
        root,
        replicas: 2,
        dataDir: path.join(scratch, 'data'),
        env: {
          ...cluster.clientEnv,
          GITHUB_API_URL: github.baseUrl,
          GITHUB_TOKEN: token,
          REVIEWFLOW_PUBLIC_API_URL: 'http://reviewflow.features.test',
          // keyId:base64(32 bytes), the same for all six processes.
          REVIEWFLOW_PAYLOAD_KEYS: `features:${randomBytes(32).toString('base64')}`,
          REVIEWFLOW_RATE_LIMIT_PER_MINUTE: '0',
        },
        logFd,
      });
      apis = [stack.apiUrls[0]!, stack.apiUrls[1]!];
      connection = await Connection.connect(cluster.connectionOptions);
      // No codec: histories are read as Temporal stores them.
      client = new Client({ connection, namespace: cluster.namespace });
      // Through the API's codec, as the Temporal CLI with --codec-endpoint: no key in the test.
      coded = new Client({
        connection,
        namespace: cluster.namespace,
        dataConverter: { payloadCodecs: [remoteCodec(apis[0], stack.apiKey, cluster.namespace)] },
      });
      // Both replicas of each worker poll every queue this suite uses before the first review.
      const queues = [
        { name: TaskQueue.cpu, type: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, app: 'worker-cpu' },
        { name: TaskQueue.cpu, type: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY, app: 'worker-cpu' },
        { name: tierTaskQueue('pro'), type: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, app: 'worker-cpu' },
        { name: TaskQueue.gpu, type: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY, app: 'worker-gpu' },
      ];
      await until(
        'both replicas of each worker polling',
        async () => {
          for (const q of queues) {
            const answer = await connection.workflowService.describeTaskQueue({
              namespace: cluster.namespace,
              taskQueue: { name: q.name },
              taskQueueType: q.type,
            });
            const polling = new Set(answer.pollers?.map((p) => p.identity));
            if (![1, 2].every((i) => polling.has(identityOf(`${q.app}-${i}`)))) return undefined;
          }
          return true;
        },
        180_000,
      );
    });
    after(async () => {
      await connection?.close();
      await stack?.stop();
      await cluster?.stop();
      await github?.close();
      if (logFd !== undefined) closeSync(logFd);
      logFd = undefined;
      for (const repo of repos) rmSync(repo, { recursive: true, force: true });
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    it('reviews pull requests started on either API replica, once, and posts one GitHub review each', async () => {
      const ids = await Promise.all(
        plain.map(async (pull, i) => {
          const [first, second] = i % 2 === 0 ? apis : [apis[1], apis[0]];
          // Without headSha the replica asks GitHub for the head itself.
          const started = await call(first, 'POST', '/reviews', pullBody(pull, {}, i < 2));
          assert.equal(started.status, 202, JSON.stringify(started.body));
          assert.equal(started.body.id, pullId(pull));
          const again = await call(second, 'POST', '/reviews', pullBody(pull));
          assert.equal(again.status, 200, 'the other replica finds the same review');
          assert.equal(again.body.id, started.body.id);
          await reviewIn(second, started.body.id, 'completed');
          return String(started.body.id);
        }),
      );
      for (const [i, pull] of plain.entries()) {
        const review = (await call(apis[i % 2]!, 'GET', `/reviews/${encodeURIComponent(ids[i]!)}`)).body;
        assert.equal(review.status, 'completed');
        assert.equal(review.repository, 'acme/chaos');
        assert.equal(review.counts.files, 2);
        assert.ok(review.findings.length > 0, 'the offline reviewer flags the debug leftovers');
        const posted = github.reviews(pull.owner, pull.repo, pull.number);
        assert.equal(posted.length, 1, `one review on ${pull.repo}#${pull.number}`);
        assert.equal(posted[0]!.commit_id, pull.headSha);
        assert.ok(posted[0]!.comments.length > 0, 'with inline comments');
        const statuses = github.statuses(pull.owner, pull.repo, pull.headSha).filter((s) => s.context === 'reviewflow');
        assert.equal(statuses[0]?.state, 'pending');
        assert.match(statuses.at(-1)!.state, /^(success|failure)$/);
      }
    });

    it('holds reviews at the approval gate and takes decisions on the other API replica', async () => {
      const [toApprove, toReject] = gated.map(pullId) as [string, string];
      for (const pull of gated) {
        const started = await call(apis[0], 'POST', '/reviews', pullBody(pull, { approval: { required: true } }));
        assert.equal(started.status, 202, JSON.stringify(started.body));
      }
      for (const id of [toApprove, toReject]) {
        const waiting = await reviewIn(apis[1], id, 'awaiting_approval');
        assert.equal(waiting.approval.state, 'waiting');
      }
      for (const pull of gated) assert.equal(github.reviews(pull.owner, pull.repo, pull.number).length, 0);
      assert.deepEqual(
        await listed(apis[0], 'status=awaiting_approval&repository=acme/gated', [toApprove, toReject]),
        [toApprove, toReject].sort(),
      );

      const approved = await call(apis[1], 'POST', `/reviews/${encodeURIComponent(toApprove)}/approval`, {
        decision: 'approve',
        reason: 'looks fine',
      });
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.approval.state, 'approved');
      assert.equal(approved.body.approval.decision.approver, 'api-key:plain-1');
      const rejected = await call(apis[0], 'POST', `/reviews/${encodeURIComponent(toReject)}/approval`, {
        decision: 'reject',
        reason: 'not now',
      });
      assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
      assert.equal(rejected.body.approval.state, 'rejected');

      assert.equal((await reviewIn(apis[0], toApprove, 'completed')).approval.decision.reason, 'looks fine');
      assert.equal((await reviewIn(apis[1], toReject, 'rejected')).approval.decision.reason, 'not now');
      const again = await call(apis[1], 'POST', `/reviews/${encodeURIComponent(toApprove)}/approval`, {
        decision: 'reject',
      });
      assert.equal(again.status, 409, 'a decided review takes no second decision');
      for (const pull of gated) assert.equal(github.reviews(pull.owner, pull.repo, pull.number).length, 1);
      const last = (p: FakePullRequest) =>
        github
          .statuses(p.owner, p.repo, p.headSha)
          .filter((s) => s.context === 'reviewflow')
          .at(-1)!;
      assert.match(last(gated[1]!).description ?? '', /^Rejected: not now/);
      assert.equal(last(gated[1]!).state, 'failure');

      assert.deepEqual(await listed(apis[1], 'status=awaiting_approval&repository=acme/gated', []), []);
      assert.deepEqual(await listed(apis[0], 'status=completed&repository=acme/gated', [toApprove]), [toApprove]);
      assert.deepEqual(await listed(apis[1], 'status=rejected&repository=acme/gated', [toReject]), [toReject]);
    });

    it('streams progress over SSE from one replica while the other approves', async () => {
      const pull = watched[0]!;
      const id = pullId(pull);
      const started = await call(apis[1], 'POST', '/reviews', pullBody(pull, { approval: { required: true } }));
      assert.equal(started.status, 202, JSON.stringify(started.body));
      const controller = new AbortController();
      try {
        const res = await fetch(`${apis[0]}/reviews/${encodeURIComponent(id)}/events`, {
          headers: { authorization: `Bearer ${stack.apiKey}` },
          signal: controller.signal,
        });
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
        const stream = new EventStream(res.body!);
        await stream.waitFor(
          'progress at the gate',
          (e) => e.event === 'progress' && e.data.status === 'awaiting_approval',
          90_000,
        );
        assert.equal(stream.ended, false, 'a waiting review keeps its stream open');
        const decided = await call(apis[1], 'POST', `/reviews/${encodeURIComponent(id)}/approval`, {
          decision: 'approve',
        });
        assert.equal(decided.status, 200, JSON.stringify(decided.body));
        const end = await stream.waitFor('the end event', (e) => e.event === 'end', 90_000);
        assert.deepEqual(JSON.parse(end.data), { id, status: 'completed' });
        await stream.done;
        const progress = stream.events.filter((e) => e.event === 'progress').map((e) => JSON.parse(e.data) as Json);
        const statuses = progress.map((p) => p.status);
        assert.ok(statuses.indexOf('awaiting_approval') < statuses.lastIndexOf('completed'), statuses.join(' '));
        assert.equal(progress.at(-1)!.approval.state, 'approved');
        assert.equal(stream.events.at(-1)!.event, 'end', 'the server closes the stream after the end event');
      } finally {
        controller.abort();
      }
      assert.equal(github.reviews(pull.owner, pull.repo, pull.number).length, 1);
    });

    it('lists reviews by repository and by status on both replicas', async () => {
      const chaos = plain.map(pullId);
      assert.deepEqual(await listed(apis[0], 'repository=acme/chaos', chaos), [...chaos].sort());
      assert.deepEqual(await listed(apis[1], 'repository=acme/chaos&status=completed', chaos), [...chaos].sort());
      assert.deepEqual(await listed(apis[0], 'repository=acme/chaos&status=running', []), []);
      const all = [...gated, ...watched].map(pullId);
      const completed = await listed(apis[1], 'status=completed', [...chaos, all[0]!, all[2]!]);
      assert.deepEqual(completed, [...chaos, all[0]!, all[2]!].sort());
      assert.deepEqual(await listed(apis[0], 'repository=acme/nothing', []), []);
    });

    it('runs an organisation review as child workflows on the tier queue, over both replicas', async () => {
      const sources = Array.from({ length: 3 }, (_, i) => {
        const repo = createGitRepo([{ 'README.md': `repo ${i}\n` }, { 'src/index.js': `console.log(${i});\n` }]);
        repos.push(repo);
        return { kind: 'git' as const, path: repo, base: 'HEAD~1', head: 'HEAD' };
      });
      const body = { tier: 'pro', repositories: sources, maxParallelReviews: 2 };
      const started = await call(apis[1], 'POST', '/orgs/acme/reviews', body);
      assert.equal(started.status, 202, JSON.stringify(started.body));
      const id = String(started.body.id);
      assert.equal(id, orgReviewWorkflowId('acme', 'pro', sources));
      const again = await call(apis[0], 'POST', '/orgs/acme/reviews', body);
      assert.equal(again.status, 200, 'the same list on the other replica is the same run');
      assert.equal(again.body.id, id);
      const done = await until('the organisation run completed', async () => {
        const got = await call(apis[0], 'GET', `/orgs/acme/reviews/${encodeURIComponent(id)}`);
        return got.body.status === 'completed' ? got.body : undefined;
      });
      assert.deepEqual(
        [done.total, done.completed, done.failed, done.running, done.pending, done.continuedRuns],
        [3, 3, 0, 0, 0, 0],
      );
      assert.equal(done.taskQueue, 'reviewflow-cpu-pro');
      for (let i = 0; i < sources.length; i++) {
        const childId = orgChildReviewId(id, i);
        const review = (await call(apis[1], 'GET', `/reviews/${encodeURIComponent(childId)}`)).body;
        assert.equal(review.status, 'completed', childId);
        assert.equal(review.repository, sources[i]!.path);
        const child = await client.workflow.getHandle(childId).describe();
        assert.equal(child.taskQueue, 'reviewflow-cpu-pro');
        assert.equal(child.parentExecution?.workflowId, id);
      }
    });

    it('continues a long organisation run as new, reviewing every repository once', async () => {
      const sources = Array.from({ length: 6 }, (_, i) => {
        const repo = createGitRepo([{ 'a.txt': 'a\n' }, { 'src/x.js': `export const x = ${i};\n` }]);
        repos.push(repo);
        return { kind: 'git' as const, path: repo, base: 'HEAD~1', head: 'HEAD' };
      });
      const id = orgReviewWorkflowId('initech', 'starter', sources);
      // The API keeps the 10 000-event threshold; a client lowers it (through the API's codec, so the
      // input is ciphertext like every other) to make six repositories span several runs.
      const handle = await coded.workflow.start(orgReviewWorkflowType, {
        taskQueue: TaskQueue.cpu,
        workflowId: id,
        args: [
          { org: 'initech', tier: 'starter', repositories: sources, maxParallelReviews: 2, historyEventsThreshold: 25 },
        ],
      });
      const same = await call(apis[1], 'POST', '/orgs/initech/reviews', {
        tier: 'starter',
        repositories: sources,
        maxParallelReviews: 2,
      });
      assert.equal(same.status, 200, JSON.stringify(same.body));
      assert.equal(same.body.id, id);
      const done = await until('the long organisation run completed', async () => {
        const got = await call(apis[1], 'GET', `/orgs/initech/reviews/${encodeURIComponent(id)}`);
        return got.body.status === 'completed' ? got.body : undefined;
      });
      assert.deepEqual([done.total, done.completed, done.failed], [6, 6, 0]);
      assert.ok(done.continuedRuns >= 1, `continued ${done.continuedRuns} times`);
      const result = (await handle.result()) as Json;
      assert.equal(result.continuedRuns, done.continuedRuns, 'the result decodes through the codec endpoint');

      const first = await coded.workflow.getHandle(id, handle.firstExecutionRunId).describe();
      assert.equal(first.status.name, 'CONTINUED_AS_NEW');
      const runs: string[] = [];
      for await (const e of coded.workflow.list({ query: `WorkflowId = '${id}'` })) runs.push(e.status.name);
      assert.equal(runs.length, done.continuedRuns + 1, runs.join(' '));
      for (let i = 0; i < sources.length; i++) {
        const childId = orgChildReviewId(id, i);
        const executions: string[] = [];
        for await (const e of coded.workflow.list({ query: `WorkflowId = '${childId}'` }))
          executions.push(e.status.name);
        assert.deepEqual(executions, ['COMPLETED'], `${childId} ran once`);
      }
    });

    it('keeps history payloads encrypted and decodes them through the codec endpoint only with a key', async () => {
      const pull = plain[0]!;
      const events = await history(pullId(pull));
      const found = events.flatMap((e) => payloadsIn(e, `event ${String(e.eventId)}`));
      assert.ok(found.length >= 10, `${found.length} payloads in the history`);
      const encoding = (p: Payload) => Buffer.from(p.metadata!.encoding!).toString();
      // The SDK writes the markers of patched() itself, past the codec: they name a code change.
      const patchMarker = (at: string) => at.endsWith('.markerRecordedEventAttributes.details.patch-data.payloads.0');
      const clear = found.filter((f) => encoding(f.payload) !== 'binary/encrypted');
      assert.deepEqual(
        clear.filter((f) => !patchMarker(f.at)).map((f) => `${f.at}: ${encoding(f.payload)}`),
        [],
        'every payload but the patch markers is ciphertext',
      );
      for (const marker of clear) {
        const data = JSON.parse(Buffer.from(marker.payload.data ?? []).toString()) as Json;
        assert.deepEqual(Object.keys(data).sort(), ['deprecated', 'id'], JSON.stringify(data));
      }
      const raw = Buffer.concat(found.map((f) => Buffer.from(f.payload.data ?? [])));
      assert.ok(!raw.includes(pull.headSha), 'no head SHA in clear');
      assert.ok(!raw.includes('acme'), 'no owner in clear');
      const input = events[0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
      const body = { payloads: [payloadToJson(input)] };
      const headers = { 'content-type': 'application/json', 'x-namespace': cluster.namespace };
      const refused = await fetch(`${apis[1]}/codec/decode`, { method: 'POST', headers, body: JSON.stringify(body) });
      assert.equal(refused.status, 401, 'decoding needs a key with history:read');
      const decoded = await call(apis[1], 'POST', '/codec/decode', body);
      assert.equal(decoded.status, 200, JSON.stringify(decoded.body));
      const plainInput = JSON.parse(Buffer.from(decoded.body.payloads[0].data, 'base64').toString()) as Json;
      assert.deepEqual(plainInput.source, {
        kind: 'github',
        owner: 'acme',
        repo: 'chaos',
        pullNumber: pull.number,
        headSha: pull.headSha,
      });
      const otherNamespace = await fetch(`${apis[0]}/codec/decode`, {
        method: 'POST',
        headers: { ...headers, 'x-namespace': 'elsewhere', authorization: `Bearer ${stack.apiKey}` },
        body: JSON.stringify(body),
      });
      assert.equal(otherNamespace.status, 400, "these keys are the namespace's own");
    });

    it('ran every review once, published it once, and spread the work over both replicas', async (t) => {
      const executions = new Map<string, string[]>();
      // Listing decodes each review's memo (its source, ciphertext too) through the codec endpoint.
      for await (const e of coded.workflow.list({ query: `WorkflowType = '${reviewWorkflowType}'` }))
        executions.set(e.workflowId, [...(executions.get(e.workflowId) ?? []), e.status.name]);
      assert.equal(executions.size, 4 + 2 + 1 + 3 + 6);
      for (const [id, statuses] of executions) assert.deepEqual(statuses, ['COMPLETED'], id);

      const names = ['worker-cpu-1', 'worker-cpu-2', 'worker-gpu-1', 'worker-gpu-2'];
      const nameOf = new Map(names.map((n) => [identityOf(n), n]));
      const activitiesBy = new Map<string, number>();
      const workflowTasksBy = new Map<string, number>();
      const publishedBy = new Map<string, number>();
      for (const id of executions.keys()) {
        const events = await history(id);
        const scheduled = new Map<number, string>();
        let published = 0;
        for (const e of events) {
          const eventId = Number(e.eventId);
          const name = e.activityTaskScheduledEventAttributes?.activityType?.name;
          if (name) scheduled.set(eventId, name);
          const started = e.activityTaskStartedEventAttributes;
          const completed = e.activityTaskCompletedEventAttributes;
          const task = e.workflowTaskStartedEventAttributes;
          for (const [attrs, tally] of [
            [started, activitiesBy],
            [task, workflowTasksBy],
          ] as const) {
            if (!attrs) continue;
            const who = nameOf.get(attrs.identity ?? '');
            assert.ok(who, `${id}: a task ran by ${attrs.identity}, no replica of this stack`);
            tally.set(who, (tally.get(who) ?? 0) + 1);
          }
          if (completed && scheduled.get(Number(completed.scheduledEventId)) === 'publishReview') {
            published++;
            const startedEvent = events.find((s) => Number(s.eventId) === Number(completed.startedEventId));
            const who = nameOf.get(startedEvent?.activityTaskStartedEventAttributes?.identity ?? '')!;
            publishedBy.set(who, (publishedBy.get(who) ?? 0) + 1);
          }
        }
        assert.equal([...scheduled.values()].filter((n) => n === 'publishReview').length, 1, `${id} publishes once`);
        assert.equal(published, 1, `${id} published`);
      }
      const spread = JSON.stringify({
        activities: Object.fromEntries(activitiesBy),
        workflowTasks: Object.fromEntries(workflowTasksBy),
        published: Object.fromEntries(publishedBy),
      });
      t.diagnostic(spread);
      for (const name of names) assert.ok((activitiesBy.get(name) ?? 0) > 0, `${name} ran activities: ${spread}`);
      for (const name of names.slice(0, 2)) {
        assert.ok((workflowTasksBy.get(name) ?? 0) > 0, `${name} ran workflow tasks: ${spread}`);
        assert.ok((publishedBy.get(name) ?? 0) > 0, `${name} published reviews: ${spread}`);
      }

      for (const pull of [...plain, ...gated, ...watched]) {
        const posted = github.reviews(pull.owner, pull.repo, pull.number);
        assert.equal(posted.length, 1, `${pull.repo}#${pull.number} has one review`);
        const comments = posted.flatMap((r) => r.comments.map((c) => `${c.path}:${c.line}:${c.body}`));
        assert.equal(new Set(comments).size, comments.length, 'no inline comment twice');
      }
      assert.equal(countPublishedReports(path.join(scratch, 'data')), executions.size, 'one stored report per review');
    });
  },
);

function appendLog(fd: number | undefined, text: string): void {
  if (fd === undefined) return;
  try {
    writeSync(fd, text);
  } catch {
    // The suite closed its log; nothing more to keep.
  }
}
