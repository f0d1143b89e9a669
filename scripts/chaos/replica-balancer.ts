/**
 * Spreads calls over API replicas round-robin, as a Kubernetes Service does: a replica that refused
 * or reset a connection leaves the rotation until its `/readyz` answers 2xx again (probed every
 * `probeMs`), so a dead replica costs the calls that were on their way to it, not every call after.
 * With one replica it is always that one.
 */
export class ReplicaBalancer {
  private turn = 0;
  private readonly out = new Set<string>();
  private readonly probing = new Set<string>();

  constructor(
    readonly bases: string[],
    private readonly probeMs = 1_000,
  ) {
    if (bases.length === 0) throw new Error('ReplicaBalancer needs at least one base URL');
  }

  /** The replica for the next call. */
  pick(): string {
    const serving = this.bases.filter((b) => !this.out.has(b));
    const pool = serving.length > 0 ? serving : this.bases;
    return pool[this.turn++ % pool.length]!;
  }

  /** A call to `base` got no answer: take it out until it is ready again. */
  unreachable(base: string): void {
    if (this.bases.length === 1 || this.out.has(base)) return;
    this.out.add(base);
    if (!this.probing.has(base)) void this.probe(base);
  }

  private async probe(base: string): Promise<void> {
    this.probing.add(base);
    try {
      while (this.out.has(base)) {
        await new Promise((resolve) => setTimeout(resolve, this.probeMs).unref());
        const ready = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) this.out.delete(base);
      }
    } finally {
      this.probing.delete(base);
    }
  }
}
