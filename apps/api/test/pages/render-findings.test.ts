import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderApprovalPage } from '../../src/approval-links/render-approval-page.js';
import { countOf } from '../../src/pages/count-of.js';
import { renderFindings } from '../../src/pages/render-findings.js';
import { renderReviewPage } from '../../src/pages/render-review-page.js';
import type { ReviewView } from '../../src/schemas/review-schemas.js';

const review = (overrides: Partial<ReviewView> = {}): ReviewView => ({
  id: 'review:git:demo@abc',
  status: 'completed',
  repository: 'demo',
  createdAt: '2026-01-02T03:04:05.000Z',
  findings: [],
  progressAvailable: true,
  counts: { files: 1, additions: 3, deletions: 0, chunks: 1, chunksEmbedded: 1, chunksReviewed: 1, findings: 0 },
  ...overrides,
});

const hostile = '<script>alert(1)</script>';

describe('the findings of a page', () => {
  it('says "1 file", "2 findings": plural forms', () => {
    assert.equal(countOf(1, 'file'), '1 file');
    assert.equal(countOf(0, 'finding'), '0 findings');
    assert.equal(countOf(2, 'finding'), '2 findings');
    assert.equal(countOf(1234, 'chunk'), '1,234 chunks');
  });

  it('has no table and no list when there are no findings, only a sentence', () => {
    const html = renderFindings(review(), new Map());
    assert.match(html, /No findings: the reviewers flagged nothing in 1 file\./);
    assert.doesNotMatch(html, /<table|<ol|<th/);
  });

  it('groups by file, most severe first, with badges, totals, rule, reviewer and the lines in context', () => {
    const html = renderFindings(
      review({
        reviewer: { name: 'rules', offline: true, description: '' },
        findings: [
          { file: 'b.js', line: 2, rule: 'debug/console', severity: 'low', message: 'debug leftover' },
          { file: 'a.js', line: 3, rule: 'exec/js-eval', severity: 'critical', message: 'eval', reviewer: 'qwen' },
          { file: 'b.js', line: 1, rule: 'todo', severity: 'info', message: 'todo' },
        ],
      }),
      new Map([['a.js', ['one', 'two', 'eval("x")', 'four', 'five', 'six']]]),
    );
    assert.match(html, /3 findings in 2 files/);
    assert.ok(html.indexOf('<code>a.js</code>') < html.indexOf('<code>b.js</code>'), 'the critical file first');
    assert.match(html, /<code>a\.js<\/code> <span class="count">1 finding<\/span>/);
    assert.match(html, /<code>b\.js<\/code> <span class="count">2 findings<\/span>/);
    assert.match(
      html,
      /aria-label="Findings by severity"><li><span class="badge sev-critical">Critical<\/span> <span class="n">1<\/span>/,
    );
    assert.match(html, /found by qwen/);
    assert.match(html, /found by rules/, 'the review reviewer where the finding names none');
    assert.match(html, /Lines 1–5, line 3 highlighted/);
    assert.match(html, /<mark class="hit"><span class="ln" aria-hidden="true">3<\/span>eval\(&quot;x&quot;\)<\/mark>/);
  });

  it('never shows a secret, nor the lines around it', () => {
    const key = 'AKIAJ3V8QW2NX5LP7RT4';
    const html = renderFindings(
      review({
        findings: [
          { file: 'c.js', line: 2, rule: 'secret/aws-access-key-id', severity: 'critical', message: 'AWS key' },
          { file: 'c.js', line: 3, rule: 'debug/console-log', severity: 'low', message: 'debug' },
        ],
      }),
      new Map([['c.js', ['a', `const id = "${key}";`, 'console.log(id)', 'const other = "secret-half"', 'e', 'f']]]),
    );
    assert.ok(!html.includes(key) && !html.includes('secret-half'), html);
    assert.match(html, /\(hidden: near a secret\)/);
    assert.equal(html.match(/<figure/g)?.length, 1, 'code for the debug finding only');
  });

  it('renders a finding, path and code line holding <script> as text on both pages', () => {
    const findings = [
      { file: `src/${hostile}.js`, line: 1, rule: hostile, severity: 'high' as const, message: hostile },
    ];
    const code = new Map([[`src/${hostile}.js`, [hostile]]]);
    const pages = [
      renderApprovalPage(review({ findings, repository: hostile }), {
        action: '/approval-links/x',
        rights: ['approve', 'reject'],
        expiresAt: '2026-01-03T03:04:05.000Z',
        code,
      }),
      renderReviewPage(review({ findings, repository: hostile, id: hostile }), {
        jsonPath: '/reviews/x',
        eventsPath: '/reviews/x/events',
        pagePath: '/reviews/x/page',
        namespace: 'default',
        code,
      }),
    ];
    for (const html of pages) {
      assert.doesNotMatch(html, /<script>/);
      assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      // The only script element a page may hold is the review page's same-origin file.
      for (const tag of html.match(/<script[^>]*>/g) ?? [])
        assert.equal(tag, '<script src="/assets/review-page.js" defer>');
    }
  });
});
