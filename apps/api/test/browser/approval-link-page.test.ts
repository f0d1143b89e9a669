import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { addCommit, createPlantedRepo, freePort } from '@reviewflow/devkit';
import { chromium, type Browser } from 'playwright-core';
import { startTestStack, testApiKey, type TestStack } from '../support/test-stack.js';
import { chromiumPath } from './chromium-path.js';

type Json = Record<string, any>;
const secret = 'browser-approval-link-secret-0123456789abcdef';

// A person approves a waiting review from the link's page in a real (headless) Chromium: the page
// the API serves on a real port, its form, its Approve button and the confirmation, end to end.
describe('approving a waiting review from its link in headless Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let repo: string;
  let base: string;

  before(async () => {
    // First, before anything starts: without Chromium the test fails at once and leaves nothing open.
    const executablePath = chromiumPath();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    stack = await startTestStack({ app: { approvalLinks: { secret, publicUrl: base } } });
    await stack.app.listen({ host: '127.0.0.1', port });
    browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    repo = createPlantedRepo();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  const api = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${testApiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as Json;
  };
  const waitFor = async (id: string, until: (r: Json) => boolean): Promise<Json> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const review = await api('GET', `/reviews/${encodeURIComponent(id)}`);
      if (until(review)) return review;
      if (Date.now() > deadline) assert.fail(`review ${id} stuck at ${JSON.stringify(review).slice(0, 300)}`);
      await sleep(200);
    }
  };

  it('shows the summary, approves on click, confirms, and the link is used afterwards', async () => {
    addCommit(repo, { 'src/browser-approval.js': 'console.log("debug leftover");\n' });
    const started = await api('POST', '/reviews', {
      source: { kind: 'git', path: repo, base: 'HEAD~1' },
      approval: { required: true },
    });
    const id = started.id as string;
    const waiting = await waitFor(id, (r) => r.status === 'awaiting_approval');
    const link = waiting.approvalLinks[0].url as string;
    assert.ok(link.startsWith(`${base}/approval-links/`), link);

    const page = await browser.newPage();
    const shown = await page.goto(link);
    assert.equal(shown?.status(), 200);
    const summary = await page.locator('body').innerText();
    assert.ok(summary.includes(id), 'the page names the review');
    assert.ok(summary.includes('src/browser-approval.js'), 'and lists its findings');
    assert.equal((await waitFor(id, () => true)).status, 'awaiting_approval', 'opening the page decides nothing');

    await page.getByLabel('Your name').fill('Alice Approver');
    await page.getByLabel('Reason (optional)').fill('looks fine');
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Approve' }).click()]);
    await page.getByRole('status').waitFor();
    assert.match(await page.getByRole('status').innerText(), /Recorded: approved by Alice Approver/);

    const done = await waitFor(id, (r) => ['completed', 'rejected', 'failed'].includes(r.status));
    assert.equal(done.status, 'completed');
    assert.equal(done.approval.decision.decision, 'approve');
    assert.match(done.approval.decision.approver, /^Alice Approver \(approval link [A-Za-z0-9_-]{8}\)$/);

    // Reopened, the link shows the decision and offers no buttons any more.
    const again = await browser.newPage();
    await again.goto(link);
    const reopened = await again.locator('body').innerText();
    assert.match(reopened, /No decision can be made here any more/);
    assert.match(reopened, /approve by Alice Approver/);
    assert.equal(await again.getByRole('button', { name: 'Approve' }).count(), 0);
  });
});
