/**
 * Splits `chunks` into the batches that chunk-review activities take, for `parallel` lanes that
 * each review one chunk at a time, at most `maxPerBatch` chunks per activity.
 *
 * Why batches: between two activities a lane waits for a workflow task and a new activity task (a
 * few tens of ms), so a batch pays that once for several chunks. Why these sizes: every lane gets
 * the same number of rounds, `ceil(ceil(n / parallel) / maxPerBatch)`, and the chunks are spread
 * evenly over `parallel × rounds` batches, larger ones first. With equal chunk durations all lanes
 * then finish together and never fewer than `parallel` chunks are in flight while work remains;
 * with unequal ones the lanes still take the next batch as they free up. Deterministic: the same
 * input always gives the same batches, as replay requires.
 */
export function planChunkBatches<T>(chunks: readonly T[], parallel: number, maxPerBatch: number): T[][] {
  const n = chunks.length;
  if (n === 0) return [];
  const lanes = Math.max(1, Math.min(Math.floor(parallel), n));
  const perBatch = Math.max(1, Math.floor(maxPerBatch));
  const rounds = Math.ceil(Math.ceil(n / lanes) / perBatch);
  const count = Math.min(n, lanes * rounds);
  const base = Math.floor(n / count);
  const larger = n % count;
  const batches: T[][] = [];
  let next = 0;
  for (let b = 0; b < count; b++) {
    const size = base + (b < larger ? 1 : 0);
    batches.push(chunks.slice(next, next + size));
    next += size;
  }
  return batches;
}
