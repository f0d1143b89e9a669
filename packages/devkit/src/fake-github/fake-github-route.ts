import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request as the fake's route handlers see it. */
export interface FakeGitHubRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  /** The REST path, without the `/api/v3` prefix of GitHub Enterprise. */
  path: string;
}

/**
 * The handler of one API area of the fake: answers the request and resolves true when the request
 * belongs to its area, else resolves false and leaves the request to the next area.
 */
export type FakeGitHubRoute = (request: FakeGitHubRequest) => Promise<boolean>;
