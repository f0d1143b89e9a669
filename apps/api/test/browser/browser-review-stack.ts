import { freePort } from '@reviewflow/devkit';
import { chromium, type Browser } from 'playwright-core';
import type { AppConfig } from '../../src/app.js';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';
import { waitForReview } from '../support/wait-for-review.js';
import { chromiumPath } from './chromium-path.js';

type Json = Record<string, any>;

/** The test stack on a real loopback port, a headless Chromium, and a planted repository to review. */
export interface BrowserReviewStack {
  stack: TestStack;
  browser: Browser;
  repo: string;
  /** `http://127.0.0.1:<port>` of the API. */
  base: string;
  /** One API call with the test key; the JSON answer. */
  api(method: string, path: string, body?: unknown): Promise<Json>;
  /** Polls `GET /reviews/:id` until `until` holds (60 s at most). */
  waitFor(id: string, until: (review: Json) => boolean): Promise<Json>;
  stop(): Promise<void>;
}

/**
 * Starts what a browser test of the pages needs. Chromium is looked up first, before anything
 * starts: without it the test fails at once, with how to install it, and leaves nothing open.
 * Approval links are signed with `secret` and point at the real port.
 */
export async function startBrowserReviewStack(
  secret: string,
  app: Partial<AppConfig> = {},
): Promise<BrowserReviewStack> {
  const executablePath = chromiumPath();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const stack = await startTestStack({ port, app: { approvalLinks: { secret, publicUrl: base }, ...app } });
  let browser: Browser | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close();
    await stack.stop();
  };
  try {
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (err) {
    await stop();
    throw err;
  }
  const api = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${testApiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as Json;
  };
  const read = (id: string) => api('GET', `/reviews/${encodeURIComponent(id)}`);
  const waitFor = (id: string, until: (review: Json) => boolean) => waitForReview(read, id, until);
  return { stack, browser, repo: stack.plantedRepo(), base, api, waitFor, stop };
}
