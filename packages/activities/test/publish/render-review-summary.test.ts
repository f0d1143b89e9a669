import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReviewReport } from '@reviewflow/contract';
import { renderReviewSummary } from '../../src/publish/render-review-summary.js';

const report: ReviewReport = {
  reviewId: 'review:git:x',
  source: { kind: 'git', path: '/r', base: 'a', head: 'b' },
  outcome: 'completed',
  findings: [
    {
      file: 'src/config.js',
      line: 3,
      rule: 'secret/aws-secret-access-key',
      severity: 'critical',
      message: 'AWS secret',
    },
    { file: 'src/app.js', line: 4, rule: 'debug/console-log', severity: 'low', message: 'console.log left in' },
  ],
  findingsOmitted: 3,
  coverage: {
    filesFull: 2,
    filesPartial: 0,
    filesSkipped: 1,
    files: [{ file: 'package-lock.json', status: 'skipped', reason: 'lockfile', addedLines: 10, reviewedLines: 0 }],
  },
  reviewer: { name: 'reviewflow-offline-rules', offline: true, description: 'reviewflow offline default: rules' },
  embedder: { name: 'feature-hashing-256', offline: true, description: 'offline' },
  counts: { files: 3, chunks: 2, additions: 12, deletions: 0 },
};

describe('renderReviewSummary', () => {
  it('summarises findings by severity, lists them, and names skipped files and the reviewer', () => {
    const md = renderReviewSummary(report, 1);
    assert.match(md, /5 findings \(1 critical, 1 low\) in 3 files/);
    assert.match(md, /`src\/config\.js:3`/);
    assert.doesNotMatch(md, /`src\/app\.js:4`/, 'only maxListed findings are listed');
    assert.match(md, /and 4 more/);
    assert.match(md, /`package-lock\.json`: skipped \(lockfile\)/);
    assert.match(md, /offline default/);
  });

  it('says when a review was rejected and why', () => {
    const md = renderReviewSummary({
      ...report,
      outcome: 'rejected',
      approval: { decision: 'reject', reason: 'timeout', decidedAt: '2026-01-01T00:00:00Z' },
    });
    assert.match(md, /review rejected/);
    assert.match(md, /Approval: reject — timeout/);
  });
});
