// Exact counts per distinct value while there are few of them. Retry delays
// without jitter take a handful of values (1, 2, 4, 8 s) and a histogram
// must put each spike in its true bin; with jitter they are all different
// and the caller falls back to its log histogram.
export class DistinctValues {
  private counts: Map<number, number> | null = new Map();

  constructor(private readonly limit: number) {}

  add(value: number): void {
    const counts = this.counts;
    if (!counts) return;
    counts.set(value, (counts.get(value) ?? 0) + 1);
    if (counts.size > this.limit) this.counts = null;
  }

  /** [value, count, ...] or null once there were too many values to keep. */
  entries(): number[] | null {
    if (!this.counts) return null;
    const out: number[] = [];
    for (const [v, n] of this.counts) out.push(v, n);
    return out;
  }

  static from(entries: readonly number[] | null, limit: number): DistinctValues {
    const d = new DistinctValues(limit);
    if (entries === null) d.counts = null;
    else for (let i = 0; i + 1 < entries.length; i += 2) d.counts!.set(entries[i]!, entries[i + 1]!);
    return d;
  }
}
