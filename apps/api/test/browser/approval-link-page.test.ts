import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addCommit } from '@reviewflow/devkit';
import { startBrowserReviewStack, type BrowserReviewStack } from './browser-review-stack.js';

const secret = 'browser-approval-link-secret-0123456789abcdef';

// A person approves a waiting review from the link's page in a real (headless) Chromium: the page
// the API serves on a real port, its form, its Approve button and the confirmation, end to end.
describe('approving a waiting review from its link in headless Chromium', () => {
  let pages: BrowserReviewStack;

  before(async () => {
    pages = await startBrowserReviewStack(secret);
  });
  after(async () => pages?.stop());

  it('shows the summary, approves on click, confirms, and the link is used afterwards', async () => {
    const { browser, repo, base, api, waitFor } = pages;
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
