// Two counters over the last `window` seconds, kept in a ring of buckets (a
// bucketed window, as Resilience4j's time-based breaker and the SRE book's
// throttling keep theirs): O(1) per call, a fixed size, and exact on bucket
// edges, so a decision depends only on the times of the calls (deterministic).

export const WINDOW_BUCKETS = 10;

export interface SlidingCounts {
  window: number;
  /** Bucket index (floor(t / bucketLength)) each slot holds. */
  slotOf: Float64Array;
  a: Float64Array;
  b: Float64Array;
}

export function newSlidingCounts(window: number): SlidingCounts {
  return { window, slotOf: new Float64Array(WINDOW_BUCKETS).fill(-1), a: new Float64Array(WINDOW_BUCKETS), b: new Float64Array(WINDOW_BUCKETS) };
}

function slot(w: SlidingCounts, now: number): number {
  const index = Math.floor(now / (w.window / WINDOW_BUCKETS));
  const i = index % WINDOW_BUCKETS;
  if (w.slotOf[i] !== index) {
    w.slotOf[i] = index;
    w.a[i] = 0;
    w.b[i] = 0;
  }
  return i;
}

export function addCounts(w: SlidingCounts, now: number, a: number, b: number): void {
  const i = slot(w, now);
  w.a[i]! += a;
  w.b[i]! += b;
}

/** Sums of both counters over the buckets that lie within the window ending at `now`. */
export function windowTotals(w: SlidingCounts, now: number): { a: number; b: number } {
  const current = Math.floor(now / (w.window / WINDOW_BUCKETS));
  let a = 0;
  let b = 0;
  for (let i = 0; i < WINDOW_BUCKETS; i++) {
    const index = w.slotOf[i]!;
    if (index > current - WINDOW_BUCKETS && index <= current) {
      a += w.a[i]!;
      b += w.b[i]!;
    }
  }
  return { a, b };
}

export function clearCounts(w: SlidingCounts): void {
  w.slotOf.fill(-1);
  w.a.fill(0);
  w.b.fill(0);
}
