import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Worker } from '@temporalio/worker';
import * as workflows from '../../src/workflows.js';
import { testWorkflowBundle } from '../support/review-workers.js';

const dir = new URL('../histories/', import.meta.url);
const histories = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, ...(JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as RecordedHistory) }));

interface RecordedHistory {
  workflowId: string;
  history: HistoryJson;
}

interface HistoryJson {
  events: {
    workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } };
    markerRecordedEventAttributes?: {
      markerName?: string;
      details?: Record<string, { payloads?: { data?: string }[] }>;
    };
  }[];
}

/** The ids of the `patched()` markers in a history. */
const patchesOf = (h: HistoryJson): string[] =>
  h.events
    .filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .map((e) => {
      const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data ?? '';
      return (JSON.parse(Buffer.from(data, 'base64').toString()) as { id: string }).id;
    });

const typeOf = (h: HistoryJson) => h.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;

// Histories recorded from real runs by `npm run record-histories`: a change to workflow code that
// would break a running review (non-determinism) fails here instead of in production.
describe('committed workflow histories', () => {
  it('cover every workflow type in the bundle', () => {
    const recorded = new Set(histories.map((h) => typeOf(h.history)));
    for (const name of Object.keys(workflows)) assert.ok(recorded.has(name), `no recorded history of ${name}`);
  });

  it('include reviews recorded before and after the patched summary step, and with chunk batches', () => {
    const byFile = new Map(histories.map((h) => [h.file, patchesOf(h.history)]));
    assert.deepEqual(byFile.get('review-completed.json'), [], 'recorded before the step existed');
    assert.deepEqual(byFile.get('review-completed-patched-summary.json'), ['review-summary']);
    assert.deepEqual(byFile.get('review-completed-batched.json'), ['ai-review', 'chunk-batches', 'review-summary']);
  });

  for (const { file, workflowId, history } of histories) {
    it(`replay with today's workflow code: ${file}`, async () => {
      await Worker.runReplayHistory({ workflowBundle: await testWorkflowBundle() }, history, workflowId);
    });
  }
});
