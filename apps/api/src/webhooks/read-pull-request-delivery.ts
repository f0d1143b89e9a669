import type { EmitterWebhookEvent } from '@octokit/webhooks';
import { HttpProblem, ProblemType } from '../http-problem.js';

type PullRequestPayload = EmitterWebhookEvent<'pull_request'>['payload'];
type SynchronizePayload = EmitterWebhookEvent<'pull_request.synchronize'>['payload'];

/** A `pull_request` action as @octokit/webhooks names them. */
export type PullRequestAction = PullRequestPayload['action'];

/**
 * The part of a `pull_request` delivery the webhook route acts on, in the shape and types
 * @octokit/webhooks gives it. `action` is any string: GitHub adds actions, and a new one must be
 * acknowledged and ignored, not refused.
 */
export interface PullRequestDelivery {
  action: PullRequestAction | (string & {});
  /** The previous head, on `synchronize` only. */
  before?: SynchronizePayload['before'];
  pull_request: Pick<PullRequestPayload['pull_request'], 'number' | 'draft'> & {
    head: Pick<PullRequestPayload['pull_request']['head'], 'sha'>;
  };
  repository: Pick<PullRequestPayload['repository'], 'name'> & {
    owner: Pick<PullRequestPayload['repository']['owner'], 'login'>;
  };
}

const sha = /^[0-9a-f]{40}$/;

/**
 * Reads a `pull_request` delivery (`application/json`, or a form's `payload=` field) and checks
 * the fields the route uses. A valid signature proves the sender knows the secret, not that the
 * body has GitHub's shape, so anything else is a 400 validation problem, never a 5xx.
 */
export function readPullRequestDelivery(raw: Buffer, contentType: string): PullRequestDelivery {
  const payload = parseJson(raw, contentType) as Record<string, unknown>;
  const pullRequest = objectOr(payload.pull_request);
  const repository = objectOr(payload.repository);
  const owner = objectOr(repository.owner).login;
  const repo = repository.name;
  const pullNumber = pullRequest.number;
  const headSha = objectOr(pullRequest.head).sha;
  if (
    typeof owner !== 'string' ||
    !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(owner) ||
    typeof repo !== 'string' ||
    !/^(?!\.{1,2}$)[A-Za-z0-9_.-]{1,100}$/.test(repo) ||
    typeof pullNumber !== 'number' ||
    !Number.isInteger(pullNumber) ||
    pullNumber < 1 ||
    typeof headSha !== 'string' ||
    !sha.test(headSha)
  ) {
    throw new HttpProblem(400, ProblemType.validation, 'Invalid request', 'not a pull_request payload GitHub sends');
  }
  const before = typeof payload.before === 'string' && sha.test(payload.before) ? payload.before : undefined;
  return {
    action: String(payload.action),
    ...(before !== undefined ? { before } : {}),
    pull_request: { number: pullNumber, draft: pullRequest.draft === true, head: { sha: headSha } },
    repository: { name: repo, owner: { login: owner } },
  };
}

function parseJson(raw: Buffer, contentType: string): object {
  try {
    const text = contentType.startsWith('application/x-www-form-urlencoded')
      ? (new URLSearchParams(raw.toString('utf8')).get('payload') ?? '')
      : raw.toString('utf8');
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object') return parsed;
  } catch {
    // Answered below as a validation problem.
  }
  throw new HttpProblem(400, ProblemType.validation, 'Invalid request', 'the body is not a JSON webhook payload');
}

/** The fields of `value` when it is an object, none otherwise (for reading untrusted JSON). */
function objectOr(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
