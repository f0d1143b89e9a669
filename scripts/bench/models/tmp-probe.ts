import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LlmReviewer } from '@reviewflow/activities';
import { loadBenchLlm } from './load-bench-models.js';
import { chunkOf } from './measure-quality.js';
import { qualitySet } from './quality-set.js';
const dir = mkdtempSync(join(tmpdir(), 'probe-'));
for (const threads of [1, 2]) {
  const llm = await loadBenchLlm('smollm2-135m-instruct-q4_1', join(dir, 'models'), threads);
  for (const max of [256, 768]) {
    const r = new LlmReviewer(llm, { maxOutputTokens: max });
    const t = Date.now();
    try { const o = await r.review(chunkOf(qualitySet[2]!, 0)); console.log(threads, max, Date.now() - t, JSON.stringify(o.usage), o.modelCalls); }
    catch (e) { console.log(threads, max, Date.now() - t, 'fail', (e as Error).message.slice(0, 100)); }
  }
  await llm.dispose();
}
