import { setTimeout as sleep } from 'node:timers/promises';
import type { FakePullRequest } from '@reviewflow/devkit';
import type { HttpLog } from './http-log.js';
import { endedStatuses, type ReviewBoard } from './review-board.js';

/**
 * One CI client of the chaos run: starts the review of `pull` through `POST /reviews` (retrying a
 * 5xx or a refused connection, as a CI job would: the review id is derived from the pull request and
 * head, so a retry never starts a second pipeline), then polls `GET /reviews/:id` every `pollMs`
 * until the review ends or `deadline` passes. Every answer lands in `http`, the latest state on `board`.
 */
export async function runReviewClient(
  pull: FakePullRequest,
  http: HttpLog,
  board: ReviewBoard,
  options: { pollMs: number; deadline: number; began: number; signal?: AbortSignal },
): Promise<void> {
  const entry = board.entry(pull.number);
  const over = (): string | undefined =>
    options.signal?.aborted === true ? 'interrupted' : Date.now() > options.deadline ? 'deadline' : undefined;
  const body = {
    source: { kind: 'github', owner: pull.owner, repo: pull.repo, pullNumber: pull.number, headSha: pull.headSha },
    // Two chunks at a time keeps each review in flight long enough for faults to land mid-way.
    maxParallelChunks: 2,
  };
  while (entry.id === undefined) {
    if (over() !== undefined) {
      entry.gaveUp = `never accepted (${over()})`;
      return;
    }
    entry.startAttempts++;
    const answer = await http.call('POST', '/reviews', body);
    if (answer.ok && (answer.status === 200 || answer.status === 202)) {
      entry.id = String(answer.body.id);
      entry.status = String(answer.body.status ?? 'queued');
      entry.stage = entry.status;
      entry.startedAt = Date.now() - options.began;
      entry.changes.push({ at: entry.startedAt, stage: entry.stage });
    } else if (answer.ok && answer.status < 500 && answer.status !== 429) {
      entry.gaveUp = `POST answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 200)}`;
      return;
    } else {
      await sleep(250);
    }
  }
  const path = `/reviews/${encodeURIComponent(entry.id)}`;
  while (!endedStatuses.includes(entry.status)) {
    if (over() !== undefined) {
      entry.gaveUp = `still ${entry.status} (${over()})`;
      return;
    }
    await sleep(options.pollMs);
    const answer = await http.call('GET', path);
    if (!answer.ok || answer.status !== 200) continue;
    entry.status = String(answer.body.status);
    const stage = String(answer.body.stage ?? answer.body.status);
    if (stage !== entry.stage) entry.changes.push({ at: Date.now() - options.began, stage });
    entry.stage = stage;
    if (endedStatuses.includes(entry.status)) entry.endedAt = Date.now() - options.began;
  }
}
