import { residentBytes } from './stack-processes.js';

/** Peak and last resident size of a process, sampled in the background. */
export interface RssSampler {
  peakBytes: number;
  samples: number;
  stop(): void;
}

/** Samples a process's resident size every `everyMs` until stopped. */
export function sampleRss(pid: number, everyMs = 100): RssSampler {
  const sampler: RssSampler = {
    peakBytes: 0,
    samples: 0,
    stop: () => clearInterval(timer),
  };
  const take = (): void => {
    const bytes = residentBytes(pid);
    if (bytes === undefined) return;
    sampler.peakBytes = Math.max(sampler.peakBytes, bytes);
    sampler.samples++;
  };
  take();
  const timer = setInterval(take, everyMs);
  timer.unref();
  return sampler;
}
