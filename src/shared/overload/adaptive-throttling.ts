// Client-side adaptive throttling (Google SRE book, "Handling Overload"): the
// client counts, over a window, the requests it tried and the ones the
// backend accepted, and rejects a new request locally with probability
// max(0, (requests - K x accepts) / (requests + 1)). Locally rejected requests
// count as requests, so the rejection rate rises while the backend refuses.
import type { AdaptiveThrottlingSpec } from '../scenario/overload-schema.ts';
import { addCounts, newSlidingCounts, windowTotals, type SlidingCounts } from './sliding-window.ts';

export interface AdaptiveThrottle {
  spec: AdaptiveThrottlingSpec;
  /** requests (a) and accepts (b). */
  counts: SlidingCounts;
  refused: number;
}

export function newAdaptiveThrottle(spec: AdaptiveThrottlingSpec): AdaptiveThrottle {
  return { spec, counts: newSlidingCounts(spec.window), refused: 0 };
}

/** How every refusal sentence of the throttle begins: live mode counts refused attempts by it (live-downstream.ts). */
export const THROTTLE_REFUSAL = 'throttled locally';

/** The SRE book's client request rejection probability. */
export function rejectionProbability(requests: number, accepts: number, k: number): number {
  return Math.max(0, (requests - k * accepts) / (requests + 1));
}

/**
 * A request is about to go out; `u` is a seeded uniform in [0, 1). Counts the
 * request and answers null to send it, or the sentence for a local rejection.
 */
export function throttleAdmit(t: AdaptiveThrottle, now: number, u: number): string | null {
  const { a: requests, b: accepts } = windowTotals(t.counts, now);
  const p = rejectionProbability(requests, accepts, t.spec.k);
  addCounts(t.counts, now, 1, 0);
  if (u >= p) return null;
  t.refused++;
  return `${THROTTLE_REFUSAL} (p = ${p.toFixed(2)}: ${requests} requests, ${accepts} accepted in ${t.spec.window} s, K = ${t.spec.k})`;
}

/** The backend accepted a request (answered it; a timeout or an overload refusal is not an accept). */
export function throttleRecordAccept(t: AdaptiveThrottle, now: number): void {
  addCounts(t.counts, now, 0, 1);
}
