// A live worker's calls to the run's HTTP services (README.md "Services"),
// with the client-side defences of each job type run here, in the caller, as
// real clients run them: the retry budget, the circuit breaker and adaptive
// throttling keep their state per worker process and decide through the
// shared pure functions (src/shared/overload), the same as instant mode's.
// The caller's timeout is real: the request is aborted, the attempt ends as
// `timeout`, and the service, not told, serves the call anyway.
import { Agent } from 'node:http';
import type { FailedAttempt, RetryGate } from '../../shared/lifecycle/after-attempt.ts';
import type { FailureCause } from '../../shared/lifecycle/reasons.ts';
import { refusedLocally } from '../../shared/lifecycle/downstream-calls.ts';
import { newAdaptiveThrottle, throttleAdmit, throttleRecordAccept, type AdaptiveThrottle } from '../../shared/overload/adaptive-throttling.ts';
import { callerConfig } from '../../shared/overload/caller-config.ts';
import { breakerAdmit, breakerRecord, newCircuitBreaker, type CircuitBreaker } from '../../shared/overload/circuit-breaker.ts';
import { budgetOnRequest, budgetOnSuccess, budgetSpendForRetry, newRetryBudget, retryBudgetParams, type RetryBudget } from '../../shared/overload/retry-budget.ts';
import { defenceSamples, hasDefences } from '../../shared/overload/overload-samples.ts';
import { hashUniform, STREAM } from '../../shared/random/hash-uniform.ts';
import { BREAKER_STATE_VALUE, type OverloadSample } from '../../shared/tables/index.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { callService } from './service-call.ts';

export interface CallResult {
  outcome: 'succeeded' | 'failed' | 'timeout';
  error: string | null;
  cause: FailureCause | null;
}

interface Caller {
  service: string;
  url: string;
  timeout: number;
  budget: RetryBudget | null;
  gate: RetryGate | null;
  breaker: CircuitBreaker | null;
  throttle: AdaptiveThrottle | null;
}

export interface CallClock {
  now(): number;
  wallMs(scenarioSeconds: number): number;
}

export class ServiceClient {
  private readonly callers = new Map<string, Caller>();
  /** Breaker changes not yet taken by takeSamples. */
  private readonly breakerChanges: { jobType: string; t: number; value: number }[] = [];
  /** Kept-alive connections, one per lane at most: a call does not pay a TCP handshake. */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    private readonly scenario: Scenario,
    urls: Readonly<Record<string, string>>,
    private readonly clock: CallClock,
  ) {
    for (const jobType of Object.keys(scenario.jobTypes)) {
      const c = callerConfig(scenario, jobType);
      if (!c.call) continue;
      const url = urls[c.call.service];
      if (!url) throw new Error(`job type ${jobType} calls service ${c.call.service}, but the worker was given no URL for it`);
      const budget = c.retryBudget ? newRetryBudget(retryBudgetParams(c.retryBudget)) : null;
      this.callers.set(jobType, {
        service: c.call.service,
        url,
        timeout: c.call.timeout,
        budget,
        gate: budget ? (outcome) => budgetSpendForRetry(budget, outcome) : null,
        breaker: c.circuitBreaker ? newCircuitBreaker(c.circuitBreaker) : null,
        throttle: c.adaptiveThrottling ? newAdaptiveThrottle(c.adaptiveThrottling) : null,
      });
    }
  }

  /**
   * This worker's defences for the charts over time (overload_samples): each
   * breaker change since the last call at its time, then every defended job
   * type's state at `t`. Each worker process holds its own, as real clients do.
   */
  takeSamples(t: number, source: string): OverloadSample[] {
    const out: OverloadSample[] = this.breakerChanges.splice(0).map((c) => ({ t: c.t, source, name: c.jobType, metric: 'breaker_state', value: c.value }));
    for (const [jobType, c] of this.callers) if (hasDefences(c)) defenceSamples(t, source, jobType, c, out);
    return out;
  }

  /** Whether any job type this worker calls for has a defence (else there is nothing to sample). */
  get defended(): boolean {
    return [...this.callers.values()].some(hasDefences);
  }

  /** Whether this job type's attempts are calls to a service. */
  calls(jobType: string): boolean {
    return this.callers.has(jobType);
  }

  /** The retry budget's gate for the lifecycle's decision after a failed attempt, or null. */
  gate(jobType: string): RetryGate | null {
    return this.callers.get(jobType)?.gate ?? null;
  }

  /** One attempt: the defences first (a refusal costs the service nothing), then the call with the caller's timeout. */
  async attempt(jobType: string, drawKey: number, attempt: number): Promise<CallResult> {
    const c = this.callers.get(jobType)!;
    const now = this.clock.now();
    // A first attempt is a request (SRE: each earns a tenth of a retry); later ones are retries.
    if (c.budget && attempt === 1) budgetOnRequest(c.budget);
    if (c.throttle) {
      const why = throttleAdmit(c.throttle, now, hashUniform(this.scenario.seed, STREAM.throttle, drawKey, attempt));
      if (why !== null) return withCause(refusedLocally('throttled', why));
    }
    if (c.breaker) {
      const before = c.breaker.state;
      const why = breakerAdmit(c.breaker, now);
      if (c.breaker.state !== before) this.breakerChanges.push({ jobType, t: now, value: BREAKER_STATE_VALUE[c.breaker.state] });
      if (why !== null) return withCause(refusedLocally('circuit_open', why));
    }
    const result = await this.send(c, drawKey, attempt);
    const ended = this.clock.now();
    if (c.breaker) {
      const before = c.breaker.state;
      breakerRecord(c.breaker, ended, result.outcome === 'succeeded');
      if (c.breaker.state !== before) this.breakerChanges.push({ jobType, t: ended, value: BREAKER_STATE_VALUE[c.breaker.state] });
    }
    if (c.throttle && result.outcome === 'succeeded') throttleRecordAccept(c.throttle, ended);
    if (c.budget && result.outcome === 'succeeded') budgetOnSuccess(c.budget);
    return result;
  }

  private async send(c: Caller, drawKey: number, attempt: number): Promise<CallResult> {
    const failure = await callService(c.service, c.url, { key: drawKey, attempt }, { seconds: c.timeout, ms: this.clock.wallMs(c.timeout) }, this.agent);
    return failure === null ? { outcome: 'succeeded', error: null, cause: null } : withCause(failure);
  }
}

/** The lifecycle's words for a failed call (the same as instant mode's), as a CallResult. */
function withCause(f: FailedAttempt): CallResult {
  return { outcome: f.outcome, error: f.error, cause: f.cause ?? null };
}
