import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ReviewView } from '../src/review-view.js';
import { toSarif } from '../src/to-sarif.js';
import { sarifValidator } from './support/sarif-schema.js';

const review: ReviewView = {
  id: 'review:git:demo@aaa..bbb',
  status: 'completed',
  stage: 'completed',
  source: { kind: 'git', path: '/tmp/demo repo', base: 'aaa', head: 'bbb' },
  createdAt: '2025-01-01T00:00:00.000Z',
  counts: { files: 2, additions: 9, deletions: 0, chunks: 2, chunksEmbedded: 2, chunksReviewed: 2, findings: 3 },
  findings: [
    { file: 'src/app.js', line: 4, rule: 'debug/console-log', severity: 'low', message: 'console.log left in' },
    { file: 'src/config.js', line: 3, rule: 'secret/aws-secret-key', severity: 'critical', message: 'AWS secret key' },
    { file: 'src/my file.js', line: 1, rule: 'debug/console-log', severity: 'medium', message: 'console.log left in' },
  ],
  reviewer: { name: 'offline-rules', offline: true, description: 'Rule-based offline reviewer' },
  embedder: { name: 'feature-hashing', offline: true, description: 'Feature hashing' },
  progressAvailable: true,
};
const tool = { name: 'reviewflow', version: '0.1.0', informationUri: 'https://reviewflow.dev' };

describe('toSarif', () => {
  const validate = sarifValidator();

  it('writes a SARIF 2.1.0 log that the official schema accepts', () => {
    const log = toSarif(review, tool);
    assert.ok(validate(log), JSON.stringify(validate.errors));
  });

  it('has a rule per rule id, a located result per finding and the reviewer as a tool extension', () => {
    const run = (toSarif(review, tool) as any).runs[0];
    assert.deepEqual(
      run.tool.driver.rules.map((r: any) => [r.id, r.defaultConfiguration.level]),
      [
        ['debug/console-log', 'warning'],
        ['secret/aws-secret-key', 'error'],
      ],
    );
    assert.deepEqual(
      run.results.map((r: any) => [r.ruleId, r.ruleIndex, r.level, r.locations[0].physicalLocation.region.startLine]),
      [
        ['debug/console-log', 0, 'note', 4],
        ['secret/aws-secret-key', 1, 'error', 3],
        ['debug/console-log', 0, 'warning', 1],
      ],
    );
    assert.equal(run.results[2].locations[0].physicalLocation.artifactLocation.uri, 'src/my%20file.js');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, 'file:///tmp/demo%20repo/');
    assert.deepEqual(run.tool.extensions[0], {
      name: 'offline-rules',
      fullDescription: { text: 'Rule-based offline reviewer' },
      properties: { role: 'reviewer', offline: true },
    });
    assert.equal(run.versionControlProvenance[0].revisionId, 'bbb');
    assert.equal(run.properties.reviewId, review.id);
  });

  it('is valid for a review without findings and for one that failed', () => {
    assert.ok(validate(toSarif({ ...review, findings: [] }, tool)), JSON.stringify(validate.errors));
    const failed = toSarif({ ...review, status: 'failed', findings: [], failure: { type: 'x', message: 'y' } }, tool);
    assert.ok(validate(failed), JSON.stringify(validate.errors));
    assert.equal((failed as any).runs[0].invocations[0].executionSuccessful, false);
  });

  it('is checked by a schema that refuses what SARIF forbids', () => {
    const log = toSarif(review, tool) as any;
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    assert.equal(validate(log), false, 'lines start at 1');
    assert.equal(validate({ ...toSarif(review, tool), version: '2.0.0' }), false);
  });
});
