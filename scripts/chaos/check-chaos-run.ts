import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeGitHub, FakePullRequest } from '@reviewflow/devkit';
import { countPublishedReports } from '../bench/count-published-reports.js';
import type { FaultRecord } from './inject-faults.js';
import type { HttpExchange } from './http-log.js';
import { endedStatuses, type ReviewBoard } from './review-board.js';

/** What the end-of-run checks found; `failures` empty means the run passed. */
export interface ChaosChecks {
  reviews: number;
  /** Reviews the API reports as completed (any other end, or none, fails the run). */
  completed: number;
  /** Reviews never accepted or never ended (a completed, failed or cancelled review is not lost). */
  lost: number;
  notCompleted: Array<{ pullNumber: number; id?: string; status: string; gaveUp?: string }>;
  temporal: {
    /** reviewPullRequest executions by status. */
    executions: Record<string, number>;
    /** Reviews without exactly one execution (a lost or a second pipeline). */
    notOneRun: Array<{ id: string; runs: number }>;
    /** Executions of reviews no client was told about (a start whose answer never came). */
    unknown: string[];
  };
  sideEffects: {
    /** Posted GitHub reviews beyond one per pull request. */
    duplicateReviews: number;
    /** Pull requests of completed reviews with no posted review. */
    missingReviews: number;
    /** Inline comments posted twice (same file, line and text) within or across a pull request's reviews. */
    duplicateComments: number;
    /** Heads whose statuses hold two different outcomes, or whose latest status is not an outcome. */
    conflictingStatuses: number;
    /** The same status posted again (a retried call; GitHub shows the latest per context, so harmless). */
    repeatedStatusPosts: number;
    /** Stored reports beyond one per completed review. */
    duplicateReports: number;
    /** Completed reviews without a stored report. */
    missingReports: number;
  };
  /** Duplicate reviews, comments, conflicting statuses and reports together. */
  duplicateSideEffects: number;
  http: {
    requests: number;
    /** Answers by status (`refused` etc. for none). */
    byStatus: Record<string, number>;
    /** The longest a client waited for an answer, in milliseconds. */
    slowestMs: number;
    /** The slowest exchange itself, to tell which call and which fault it waited on. */
    slowest?: HttpExchange;
    /** Requests that overlapped a Temporal restart, and an API restart: the windows saw real traffic. */
    inTemporalWindow: number;
    inApiWindow: number;
    /** 5xx while the API was restarting (allowed). */
    serverErrorsInApiWindow: number;
    /** Those by status and problem type, and when they came relative to the SIGTERM. */
    apiWindowAnswers: Array<{ status: number; problemType?: string; method: string; afterMs: number }>;
    /** 503 temporal-unavailable problems while the Temporal server was restarting (counted, allowed). */
    unavailableInTemporalWindow: number;
    /** Any other 5xx: a failure. */
    serverErrorsOutside: Array<{ at: number; method: string; path: string; status: number; problemType?: string }>;
    /** Refused or reset connections while the API was restarting (allowed). */
    connectionErrorsInApiWindow: number;
    /** Any other request without an answer: a failure. */
    connectionErrorsOutside: Array<{ at: number; waitedMs: number; method: string; path: string; error: string }>;
  };
  /** Faults that struck while no review was in flight (the run did not test what it claims). */
  faultsMissed: number;
  /**
   * The longest any review in flight at a fault went from the fault to its next visible progress
   * (a new stage or its end), and which fault that was.
   */
  longestWaitOnFault?: { ms: number; fault: FaultRecord['fault']; pullNumber: number };
  failures: string[];
}

const temporalUnavailable = 'https://reviewflow.dev/problems/temporal-unavailable';

/**
 * Checks a finished chaos run from the three places that know: the API (what the clients last
 * saw), Temporal (every review exactly one execution, all completed) and the side-effect logs (the
 * loopback GitHub server's reviews, comments and statuses, and the stored reports). HTTP answers are
 * judged against the windows in which the API or Temporal was restarting.
 */
export async function checkChaosRun(input: {
  board: ReviewBoard;
  exchanges: HttpExchange[];
  faults: FaultRecord[];
  /** Every reviewPullRequest execution Temporal lists (visibility), asked again while it lags. */
  listExecutions: () => Promise<Array<{ workflowId: string; status: string }>>;
  /** How long to wait for visibility to show every review completed once; 10 s by default. */
  visibilityWaitMs?: number;
  github: FakeGitHub;
  pulls: FakePullRequest[];
  dataDir: string;
}): Promise<ChaosChecks> {
  const { board, exchanges, faults, github, pulls } = input;
  const failures: string[] = [];

  const notCompleted = board.entries
    .filter((e) => e.status !== 'completed')
    .map((e) => ({
      pullNumber: e.pullNumber,
      status: e.status,
      ...(e.id === undefined ? {} : { id: e.id }),
      ...(e.gaveUp === undefined ? {} : { gaveUp: e.gaveUp }),
    }));
  const completed = board.entries.length - notCompleted.length;
  if (notCompleted.length > 0) failures.push(`${notCompleted.length} reviews did not complete`);

  // Visibility lags the executions a little; a restart of the server can add to that.
  const ids = board.entries.flatMap((e) => (e.id === undefined ? [] : [e.id]));
  const tally = async (): Promise<ChaosChecks['temporal']> => {
    const executions: Record<string, number> = {};
    const runs = new Map<string, number>();
    for (const execution of await input.listExecutions()) {
      executions[execution.status] = (executions[execution.status] ?? 0) + 1;
      runs.set(execution.workflowId, (runs.get(execution.workflowId) ?? 0) + 1);
    }
    return {
      executions,
      notOneRun: ids.map((id) => ({ id, runs: runs.get(id) ?? 0 })).filter((r) => r.runs !== 1),
      unknown: [...runs.keys()].filter((id) => !ids.includes(id)),
    };
  };
  const visibilityDeadline = Date.now() + (input.visibilityWaitMs ?? 10_000);
  let temporal = await tally();
  while (
    (temporal.executions.COMPLETED !== ids.length || temporal.notOneRun.length > 0) &&
    Date.now() < visibilityDeadline
  ) {
    await sleep(250);
    temporal = await tally();
  }
  const { executions, notOneRun, unknown } = temporal;
  const notCompletedExecutions = Object.entries(executions).filter(([status]) => status !== 'COMPLETED');
  if (notCompletedExecutions.length > 0)
    failures.push(
      `Temporal holds executions not completed: ${JSON.stringify(Object.fromEntries(notCompletedExecutions))}`,
    );
  if (notOneRun.length > 0) failures.push(`${notOneRun.length} reviews do not have exactly one workflow execution`);
  if (unknown.length > 0) failures.push(`${unknown.length} executions of reviews no client knows`);

  let duplicateReviews = 0;
  let missingReviews = 0;
  let duplicateComments = 0;
  let conflictingStatuses = 0;
  let repeatedStatusPosts = 0;
  for (const pull of pulls) {
    const posted = github.reviews(pull.owner, pull.repo, pull.number);
    const entry = board.entry(pull.number);
    duplicateReviews += Math.max(0, posted.length - 1);
    if (entry.status === 'completed' && posted.length === 0) missingReviews++;
    const comments = posted.flatMap((r) => r.comments.map((c) => `${c.path}:${c.line}:${c.body}`));
    duplicateComments += comments.length - new Set(comments).size;
    const statuses = github.statuses(pull.owner, pull.repo, pull.headSha).filter((s) => s.context === 'reviewflow');
    const outcomes = new Set(statuses.filter((s) => s.state !== 'pending').map((s) => `${s.state}:${s.description}`));
    const latest = statuses.at(-1);
    if (entry.status === 'completed' && (outcomes.size !== 1 || latest === undefined || latest.state === 'pending'))
      conflictingStatuses++;
    const distinct = new Set(statuses.map((s) => `${s.state}:${s.description}`));
    repeatedStatusPosts += statuses.length - distinct.size;
  }
  const reports = countPublishedReports(input.dataDir);
  const duplicateReports = Math.max(0, reports - completed);
  const missingReports = Math.max(0, completed - reports);
  const sideEffects = {
    duplicateReviews,
    missingReviews,
    duplicateComments,
    conflictingStatuses,
    repeatedStatusPosts,
    duplicateReports,
    missingReports,
  };
  const duplicateSideEffects = duplicateReviews + duplicateComments + conflictingStatuses + duplicateReports;
  if (duplicateSideEffects > 0) failures.push(`${duplicateSideEffects} duplicate side effects`);
  if (missingReviews + missingReports > 0)
    failures.push(`${missingReviews} posted reviews and ${missingReports} reports missing for completed reviews`);

  const windows = (kind: FaultRecord['fault']) =>
    faults.filter((f) => f.fault === kind).map((f) => ({ from: f.atMs, to: f.recoveredMs }));
  const apiWindows = windows('api');
  const temporalWindows = [
    ...windows('temporal'),
    ...windows('history'),
    ...windows('matching'),
    ...windows('postgres'),
  ];
  // A killed API replica never comes back: what was sent to it from its death on got no answer,
  // and the balancer moved the next calls to the other replica.
  const deadReplicas = faults.flatMap((f) =>
    f.fault === 'api-replica' && f.base ? [{ base: f.base, from: f.atMs }] : [],
  );
  // An exchange belongs to a window when any part of it (sent .. answered) overlaps the window.
  const within = (e: HttpExchange, list: Array<{ from: number; to: number }>) =>
    list.some((w) => e.sentAt <= w.to && e.at >= w.from) ||
    (list === apiWindows && deadReplicas.some((d) => e.base === d.base && e.at >= d.from));
  const http: ChaosChecks['http'] = {
    requests: exchanges.length,
    byStatus: {},
    slowestMs: 0,
    inTemporalWindow: 0,
    inApiWindow: 0,
    serverErrorsInApiWindow: 0,
    apiWindowAnswers: [],
    unavailableInTemporalWindow: 0,
    serverErrorsOutside: [],
    connectionErrorsInApiWindow: 0,
    connectionErrorsOutside: [],
  };
  for (const e of exchanges) {
    const key = e.status === undefined ? (e.error ?? 'no answer') : String(e.status);
    http.byStatus[key] = (http.byStatus[key] ?? 0) + 1;
    if (e.at - e.sentAt > http.slowestMs) {
      http.slowestMs = e.at - e.sentAt;
      http.slowest = e;
    }
    if (within(e, temporalWindows)) http.inTemporalWindow++;
    if (within(e, apiWindows)) http.inApiWindow++;
    if (e.status === undefined) {
      if (within(e, apiWindows)) http.connectionErrorsInApiWindow++;
      else
        http.connectionErrorsOutside.push({
          at: e.at,
          waitedMs: e.at - e.sentAt,
          method: e.method,
          path: e.path,
          error: e.error ?? '?',
        });
    } else if (e.status >= 500) {
      if (within(e, apiWindows)) {
        http.serverErrorsInApiWindow++;
        http.apiWindowAnswers.push({
          status: e.status,
          ...(e.problemType === undefined ? {} : { problemType: e.problemType }),
          method: e.method,
          afterMs: e.at - (apiWindows[0]?.from ?? 0),
        });
      } else if (e.status === 503 && e.problemType === temporalUnavailable && within(e, temporalWindows))
        http.unavailableInTemporalWindow++;
      else
        http.serverErrorsOutside.push({
          at: e.at,
          method: e.method,
          path: e.path,
          status: e.status,
          ...(e.problemType === undefined ? {} : { problemType: e.problemType }),
        });
    }
  }
  if (http.serverErrorsOutside.length > 0)
    failures.push(`${http.serverErrorsOutside.length} 5xx answers outside the API restart window`);
  if (http.connectionErrorsOutside.length > 0)
    failures.push(
      `${http.connectionErrorsOutside.length} requests without an answer outside the API restart window (${http.connectionErrorsOutside
        .slice(0, 4)
        .map((e) => `${e.method} ${e.error} after ${(e.waitedMs / 1000).toFixed(1)} s at ${(e.at / 1000).toFixed(1)} s`)
        .join('; ')})`,
    );

  const faultsMissed = faults.filter((f) => f.inFlight === 0).length;
  let longestWaitOnFault: ChaosChecks['longestWaitOnFault'];
  for (const f of faults) {
    for (const e of board.entries) {
      if (e.startedAt === undefined || e.startedAt > f.atMs || (e.endedAt !== undefined && e.endedAt < f.atMs))
        continue;
      const next = e.changes.find((c) => c.at >= f.atMs);
      if (next === undefined) continue;
      const ms = next.at - f.atMs;
      if (longestWaitOnFault === undefined || ms > longestWaitOnFault.ms)
        longestWaitOnFault = { ms, fault: f.fault, pullNumber: e.pullNumber };
    }
  }
  if (faultsMissed > 0) failures.push(`${faultsMissed} faults struck while no review was in flight`);

  return {
    reviews: board.entries.length,
    completed,
    lost: board.entries.filter((e) => !endedStatuses.includes(e.status)).length,
    notCompleted,
    temporal,
    sideEffects,
    duplicateSideEffects,
    http,
    faultsMissed,
    ...(longestWaitOnFault === undefined ? {} : { longestWaitOnFault }),
    failures,
  };
}
