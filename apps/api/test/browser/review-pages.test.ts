import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addCommit } from '@reviewflow/devkit';
import type { Page } from 'playwright-core';
import { testApiKey } from '../support/test-stack.js';
import { startBrowserReviewStack, type BrowserReviewStack } from './browser-review-stack.js';

type Json = Record<string, any>;
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const secret = 'browser-review-pages-secret-0123456789abcdef';
const temporalUiUrl = 'http://127.0.0.1:8233';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Where the screenshots go for a person to look at (not committed; docs/ holds copies).
const screenshots = process.env.REVIEWFLOW_SCREENSHOT_DIR ?? join(tmpdir(), 'reviewflow-screenshots');
// A file whose path and line are markup: the pages must show both as text.
const hostileFile = 'src/<script>alert(1)</script>.js';
const hostileLine = 'console.log("<script>alert(2)</script>");';

/**
 * axe-core in the page, run through the DevTools protocol (which the page's CSP does not govern,
 * so the policy under test stays as served): every WCAG 2.1 A/AA and best-practice rule.
 */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // A string, run in the page: this project's TypeScript has no DOM types, and needs none.
  return page.evaluate<AxeViolation[]>(`axe
    .run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((result) => result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })),
    })))`);
}

function assertAccessible(what: string, violations: AxeViolation[]): void {
  const summary = violations.map(
    (v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  console.log(
    `axe on the ${what}: ${violations.length} violation(s)${summary.length ? `: ${summary.join('; ')}` : ''}`,
  );
  const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    grave.map((v) => v.id),
    [],
    `${what}: ${summary.join('; ')}`,
  );
}

/** Everything the page's CSP refused, and every script error: both must stay empty. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('dialog', (d) => {
    problems.push(`a dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}

// The approval page and the review page of a real review (dev server, both workers, the API on a
// real port) in headless Chromium: what a person sees, axe-core's verdict, and a screenshot each.
describe('the approval page and the review page in headless Chromium', () => {
  let pages: BrowserReviewStack;

  before(async () => {
    pages = await startBrowserReviewStack(secret, { temporalUiUrl });
    mkdirSync(screenshots, { recursive: true });
  });
  after(async () => pages?.stop());

  it('shows a waiting review for a decision, then follows it live to its findings and coverage', async () => {
    const { browser, repo, base, api, waitFor } = pages;
    addCommit(repo, {
      [hostileFile]: `export const page = 1;\n${hostileLine}\nexport const done = true;\n`,
      'src/run.js': 'export function run(input) {\n  // TODO: validate input\n  return eval(input);\n}\n',
      'package-lock.json': '{"lockfileVersion": 3}\n',
    });
    const started = await api('POST', '/reviews', {
      source: { kind: 'git', path: repo, base: 'HEAD~2' },
      approval: { required: true },
    });
    const id = started.id as string;
    const waiting = await waitFor(id, (r) => r.status === 'awaiting_approval');
    const files = new Set((waiting.findings as Json[]).map((f) => f.file));
    assert.ok(files.has(hostileFile) && files.has('src/run.js') && files.has('src/config.js'), [...files].join());

    // The approval page, as the link's holder sees it: no API key, the page's own CSP.
    const approval = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    const approvalProblems = watch(approval);
    const shown = await approval.goto(waiting.approvalLinks[0].url as string);
    assert.equal(shown?.status(), 200);
    assert.match(String(shown?.headers()['content-security-policy']), /^default-src 'none'; style-src 'self';/);
    const text = await approval.locator('main').innerText();
    assert.match(text, new RegExp(`Approve this review of ${waiting.repository}\\?`));
    assert.ok(
      text.includes(`${waiting.counts.files} files changed, ${waiting.counts.findings} findings`),
      text.slice(0, 300),
    );
    assert.match(text, /Reviewed by\s+reviewflow-offline-rules \(offline default, no model\)/i);
    assert.match(
      text,
      new RegExp(`${String(waiting.source.base).slice(0, 10)} → ${String(waiting.source.head).slice(0, 10)}`),
    );
    // Grouped by file, a heading each, with badges, rules and the offending line in context.
    assert.equal(await approval.locator('section.file h3').count(), files.size);
    assert.ok(text.includes(hostileFile), 'the markup in the path is text');
    assert.ok(text.includes(hostileLine), 'and so is the markup in the line');
    assert.equal(await approval.locator('main script').count(), 0);
    assert.match(await approval.locator('mark.hit').first().innerText(), /\S/);
    assert.ok((await approval.locator('.badge.sev-critical').count()) > 0);
    assert.ok(text.includes('exec/js-eval'), text.slice(0, 2000));
    assert.ok(!text.includes('AKIAJ3V8QW2NX5LP7RT4'), 'the planted key is not shown');
    assert.match((await approval.locator('form time').getAttribute('datetime')) ?? '', /^\d{4}-\d\d-\d\dT.*Z$/);
    assert.match(await approval.locator('form').innerText(), /UTC \(in \d+ hours\)/);
    // The stylesheet came from the API under style-src 'self'.
    assert.doesNotMatch(await approval.evaluate<string>('getComputedStyle(document.body).fontFamily'), /^"?Times/);
    // Keyboard: the skip links come first, then the page in reading order, the decision last.
    await approval.keyboard.press('Tab');
    assert.equal(await approval.evaluate<string>('document.activeElement?.textContent'), 'Skip to content');
    await approval.getByLabel('Your name').focus();
    await approval.keyboard.press('Tab');
    assert.equal(await approval.evaluate<string>('document.activeElement?.id'), 'reason');
    await approval.keyboard.press('Tab');
    assert.equal(await approval.evaluate<string>('document.activeElement?.textContent'), 'Approve');
    assertAccessible('approval page', await axeViolations(approval));
    await approval.evaluate('document.activeElement?.blur()');
    await approval.screenshot({ path: join(screenshots, 'approval-page.png'), fullPage: true });
    // On a phone: one column, nothing wider than the screen.
    await approval.setViewportSize({ width: 390, height: 844 });
    assert.ok(await approval.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'));
    assert.deepEqual(approvalProblems, []);

    // The review page, with the API key the JSON needs: live while the review waits.
    const context = await browser.newContext({
      viewport: { width: 1000, height: 900 },
      extraHTTPHeaders: { authorization: `Bearer ${testApiKey}` },
    });
    const page = await context.newPage();
    const problems = watch(page);
    const pagePath = `/reviews/${encodeURIComponent(id)}/page`;
    const opened = await page.goto(`${base}${pagePath}`);
    assert.equal(opened?.status(), 200);
    assert.match(String(opened?.headers()['content-security-policy']), /script-src 'self'/);
    assert.equal(await page.locator('.facts .status').innerText(), 'Awaiting approval');
    assert.equal(await page.locator('script[src="/assets/review-page.js"]').count(), 1);
    await page
      .locator('#live')
      .getByText(/chunks reviewed/)
      .waitFor();
    // Decided elsewhere: the page's script sees the stream move on and the page reloads itself.
    const reloaded = page.waitForEvent('load');
    await api('POST', `/reviews/${encodeURIComponent(id)}/approval`, { decision: 'approve' });
    await reloaded;
    await page.locator('.facts .status-completed').waitFor();
    assert.equal(await page.locator('#progress').count(), 0, 'no progress once ended');
    const review = await page.locator('main').innerText();
    assert.equal(await page.locator('section.file h3').count(), files.size);
    assert.ok(review.includes(hostileLine) && review.includes(hostileFile));
    // Coverage: the lock file is skipped, and the page says why.
    const lockRow = page.locator('table tr', { hasText: 'package-lock.json' });
    assert.match(await lockRow.innerText(), /Skipped/);
    assert.match(await lockRow.locator('td').nth(3).innerText(), /\w/);
    assert.equal(
      await page.getByRole('link', { name: 'This review as JSON' }).getAttribute('href'),
      `/reviews/${encodeURIComponent(id)}`,
    );
    assert.equal(
      await page.getByRole('link', { name: 'The workflow in the Temporal Web UI' }).getAttribute('href'),
      `${temporalUiUrl}/namespaces/default/workflows/${encodeURIComponent(id)}`,
    );
    assertAccessible('review page', await axeViolations(page));
    await page.screenshot({ path: join(screenshots, 'review-page.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'));
    assert.deepEqual(problems, []);
    await context.close();
    console.log(`screenshots in ${screenshots}`);

    // The same authentication as the JSON: no key, no page.
    const anonymous = await fetch(`${base}${pagePath}`);
    assert.equal(anonymous.status, 401);
    assert.match(String(anonymous.headers.get('content-type')), /^application\/problem\+json/);
    const missing = await fetch(`${base}/reviews/no-such-review/page`, {
      headers: { authorization: `Bearer ${testApiKey}` },
    });
    assert.equal(missing.status, 404);
    assert.match(String(missing.headers.get('content-type')), /^application\/problem\+json/);
  });
});
