// A circuit breaker (Nygard's Release It!, Resilience4j's states): closed, it
// counts calls and failures over a time window; once at least `minimumCalls`
// were made and the failure ratio reaches `failureRatio` it opens and refuses
// every call locally for `openFor` seconds; then it lets `halfOpenProbes`
// calls through: all of them succeeding closes it, any failure opens it again.
import type { CircuitBreakerSpec } from '../scenario/overload-schema.ts';
import { addCounts, clearCounts, newSlidingCounts, windowTotals, type SlidingCounts } from './sliding-window.ts';

export type BreakerState = 'closed' | 'open' | 'half-open';
export const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half-open'];

export interface CircuitBreaker {
  spec: CircuitBreakerSpec;
  state: BreakerState;
  openedAt: number;
  /** calls (a) and failures (b) while closed. */
  counts: SlidingCounts;
  probesSent: number;
  probesSucceeded: number;
  /** Calls refused locally so far. */
  refused: number;
  /** Times it opened. */
  opened: number;
}

export function newCircuitBreaker(spec: CircuitBreakerSpec): CircuitBreaker {
  return { spec, state: 'closed', openedAt: 0, counts: newSlidingCounts(spec.window), probesSent: 0, probesSucceeded: 0, refused: 0, opened: 0 };
}

/** May a call go out now? Null if yes (a half-open probe is counted), else why not. */
export function breakerAdmit(b: CircuitBreaker, now: number): string | null {
  if (b.state === 'open' && now >= b.openedAt + b.spec.openFor) {
    b.state = 'half-open';
    b.probesSent = 0;
    b.probesSucceeded = 0;
  }
  if (b.state === 'closed') return null;
  if (b.state === 'half-open' && b.probesSent < b.spec.halfOpenProbes) {
    b.probesSent++;
    return null;
  }
  b.refused++;
  return b.state === 'open'
    ? `${BREAKER_REFUSAL} open since ${b.openedAt.toFixed(2)} s (opens for ${b.spec.openFor} s)`
    : `${BREAKER_REFUSAL} half-open, its ${b.spec.halfOpenProbes} probe calls are out`;
}

/** How every refusal sentence of a breaker begins: live mode counts refused attempts by it (live-downstream.ts). */
export const BREAKER_REFUSAL = 'circuit breaker';

/** A call that was admitted ended: ok (answered in time, no error) or not. */
export function breakerRecord(b: CircuitBreaker, now: number, ok: boolean): void {
  if (b.state === 'half-open') {
    if (!ok) return open(b, now);
    b.probesSucceeded++;
    if (b.probesSucceeded >= b.spec.halfOpenProbes) {
      b.state = 'closed';
      clearCounts(b.counts);
    }
    return;
  }
  if (b.state === 'open') return; // a call admitted before it opened
  addCounts(b.counts, now, 1, ok ? 0 : 1);
  const { a: calls, b: failures } = windowTotals(b.counts, now);
  if (calls >= b.spec.minimumCalls && failures / calls >= b.spec.failureRatio) open(b, now);
}

function open(b: CircuitBreaker, now: number): void {
  b.state = 'open';
  b.openedAt = now;
  b.opened++;
}
