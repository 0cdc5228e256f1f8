// Per-bucket counters on a time axis that grows with the run: buckets start
// narrow and, when the run outgrows maxBuckets of them, neighbours merge
// pairwise and the width doubles. Memory is O(maxBuckets) however long the
// run, and a bucket stays a pixel or so wide on any chart.
import { JOB_STATES, STATE_CODE, type JobState } from '../job/states.ts';
import { binOf, logBins, type LogBins } from './log-histogram.ts';

const STATES = JOB_STATES.length;
/** The "from" code of an enqueue (no previous state). */
export const FROM_NEW = STATES;
export const EDGE_COUNT = (STATES + 1) * STATES;

export function edgeId(from: JobState | null, to: JobState): number {
  return (from === null ? FROM_NEW : STATE_CODE[from]) * STATES + STATE_CODE[to];
}
export function edgeFrom(edge: number): JobState | null {
  const f = Math.floor(edge / STATES);
  return f === FROM_NEW ? null : JOB_STATES[f]!;
}
export function edgeTo(edge: number): JobState {
  return JOB_STATES[edge % STATES]!;
}
export function edgeKey(edge: number): string {
  return `${edgeFrom(edge) ?? 'new'}>${edgeTo(edge)}`;
}
export function edgeOfKey(key: string): number {
  const [from, to] = key.split('>') as [string, string];
  return edgeId(from === 'new' ? null : (from as JobState), to as JobState);
}

/** Time in system per bucket: 1 ms .. ~1 day at 4 bins per doubling (+-9 %), enough for a chart line. */
export const BUCKET_LATENCY_BINS: LogBins = logBins(1e-3, 1e5, 4);

export class BucketGrid {
  width: number;
  /** Buckets in use: the last one holds the latest event. */
  used = 0;
  readonly maxBuckets: number;
  /** edges[id][bucket] = transitions along that edge in that bucket; null until first used. */
  readonly edges: (Uint32Array | null)[] = new Array<Uint32Array | null>(EDGE_COUNT).fill(null);
  /** latency[bucket * BUCKET_LATENCY_BINS.count + bin], allocated on the first success. */
  latency: Uint32Array | null = null;

  constructor(initialWidth: number, maxBuckets: number) {
    this.width = initialWidth;
    // Even, so pairs always merge cleanly.
    this.maxBuckets = Math.max(2, maxBuckets + (maxBuckets % 2));
  }

  /** The bucket for time t, coarsening first if t lies past the last bucket. */
  bucketFor(t: number): number {
    let b = Math.floor(t / this.width);
    if (!(b >= 0)) b = 0;
    while (b >= this.maxBuckets) {
      this.coarsen();
      b = Math.floor(t / this.width);
    }
    // Events come in seq order; a live run's clock can step back a hair,
    // and a bucket already drawn must not change under a finished chart.
    if (b < this.used - 1) b = this.used - 1;
    if (b >= this.used) this.used = b + 1;
    return b;
  }

  countEdge(edge: number, bucket: number): void {
    let series = this.edges[edge];
    if (!series) series = this.edges[edge] = new Uint32Array(this.maxBuckets);
    series[bucket]!++;
  }

  countLatency(bucket: number, seconds: number): void {
    const bins = BUCKET_LATENCY_BINS.count;
    this.latency ??= new Uint32Array(this.maxBuckets * bins);
    this.latency[bucket * bins + binOf(BUCKET_LATENCY_BINS, seconds)]!++;
  }

  private coarsen(): void {
    const half = this.maxBuckets / 2;
    for (const series of this.edges) {
      if (!series) continue;
      for (let i = 0; i < half; i++) series[i] = series[2 * i]! + series[2 * i + 1]!;
      series.fill(0, half);
    }
    const lat = this.latency;
    if (lat) {
      const bins = BUCKET_LATENCY_BINS.count;
      for (let i = 0; i < half; i++) {
        for (let k = 0; k < bins; k++) lat[i * bins + k] = lat[2 * i * bins + k]! + lat[(2 * i + 1) * bins + k]!;
      }
      lat.fill(0, half * bins);
    }
    this.width *= 2;
    this.used = Math.ceil(this.used / 2);
  }

  /** Sum of an edge's transitions over buckets, weighting the partial buckets at each end of [t0, t1). */
  edgeCountBetween(edge: number, t0: number, t1: number): number {
    const series = this.edges[edge];
    if (!series || t1 <= t0) return 0;
    const w = this.width;
    const first = Math.max(0, Math.floor(t0 / w));
    const last = Math.min(this.used - 1, Math.floor(t1 / w));
    let sum = 0;
    for (let b = first; b <= last; b++) {
      const overlap = Math.min(t1, (b + 1) * w) - Math.max(t0, b * w);
      if (overlap > 0) sum += series[b]! * (overlap / w);
    }
    return sum;
  }
}
