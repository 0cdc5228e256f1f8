// An attempt of a job type that `calls` a service (README.md "Services"):
// the caller's defences may refuse it locally; else the call goes to the
// simulated service, and the attempt ends when the answer comes or the
// caller's timeout runs out, whichever is first. What each ending means is
// the lifecycle's (src/shared/lifecycle/downstream-calls.ts); this file only
// applies it to the worker slot and the defences' counters.
import { hashUniform, STREAM } from '../../../shared/random/hash-uniform.ts';
import { refusedLocally } from '../../../shared/lifecycle/downstream-calls.ts';
import type { FailedAttempt } from '../../../shared/lifecycle/after-attempt.ts';
import { throttleAdmit, throttleRecordAccept } from '../../../shared/overload/adaptive-throttling.ts';
import { breakerAdmit, breakerRecord } from '../../../shared/overload/circuit-breaker.ts';
import type { DownstreamCounts } from '../../../shared/overload/downstream-summary.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import type { RunRecorder } from '../recorder/run-recorder.ts';
import { buildCallers, refusedCounts, type Caller } from './callers.ts';
import { JobFlow } from './job-flow.ts';
import { Services, type Call, type ServiceEvent, type ServiceHost } from './services.ts';
import { OverloadSampler } from './overload-sampler.ts';
import { Ev } from './sim-events.ts';
import type { SimulationOptions } from './sim-core.ts';
import type { Slot } from './worker-pool.ts';

const EV_OF: Record<ServiceEvent, Ev> = {
  served: Ev.CallServed, refused: Ev.CallRefused, timeout: Ev.CallTimeout, layerRetry: Ev.LayerRetry, capacity: Ev.Capacity,
};

export abstract class CallFlow extends JobFlow implements ServiceHost {
  protected readonly services: Services;
  protected readonly callers: Caller[];
  /** Calls by id while an event may still name them. */
  private readonly calls = new Map<number, Call>();
  /** The worker slot each job's call belongs to. */
  private readonly callSlot = new Map<number, number>();
  /** The downstream side over time, for the charts; null when the run has no services (nothing to measure, nothing spent). */
  protected readonly overload: OverloadSampler | null;

  constructor(scenario: Scenario, recorder: RunRecorder, options: SimulationOptions = {}) {
    super(scenario, recorder, options);
    this.services = new Services(scenario, this);
    this.callers = buildCallers(scenario, this.typeNames, (name) => this.services.indexOf(name));
    this.overload = this.services.list.length > 0 ? new OverloadSampler(this.services, this.callers, this.typeNames) : null;
  }

  protected callerOf(type: number): Caller {
    return this.callers[type]!;
  }

  later(t: number, kind: ServiceEvent, call: Call | null, service: number): void {
    if (call) {
      call.pending++;
      this.calls.set(call.id, call);
    }
    this.schedule(t, EV_OF[kind], call ? call.id : service);
  }

  protected serviceEvent(kind: Ev, a: number): void {
    if (kind === Ev.Capacity) return this.capacityEvent(a);
    const c = this.calls.get(a);
    if (!c) return;
    c.pending--;
    if (kind === Ev.CallServed) this.services.served(c, this.now);
    else if (kind === Ev.CallRefused) this.services.refused(c, this.now);
    else if (kind === Ev.CallTimeout) this.services.timedOut(c, this.now);
    else if (kind === Ev.LayerRetry) this.services.layerRetry(c, this.now);
    if (c.done && c.pending === 0) this.calls.delete(a);
  }

  private capacityEvent(service: number): void {
    const s = this.services.list[service]!;
    const before = s.capacity;
    this.services.capacityChanged(service, this.now);
    if (s.capacity === before) return;
    const label = `${s.capacity === 0 ? 'outage' : 'capacity'} service ${s.name}`;
    const full = s.capacity === s.spec.concurrency;
    this.emit(this.now, null, full ? 'fault_ended' : 'fault_started', null, null, null, full ? label : `${label}: ${s.capacity} of ${s.spec.concurrency} slots`);
  }

  /** The slot has claimed job j (attempt n) of a job type that calls a service. */
  protected callOut(slot: Slot, j: number, n: number, caller: Caller): void {
    const refusal = this.defenceRefuses(j, n, caller);
    if (refusal !== null) return this.endCall(slot, refusal, 0);
    const c = this.services.call(caller.call!.service, null, this.now, caller.call!.timeout);
    slot.call = c.id;
    this.callSlot.set(c.id, slot.index);
  }

  private defenceRefuses(j: number, n: number, caller: Caller): FailedAttempt | null {
    if (caller.throttle) {
      const why = throttleAdmit(caller.throttle, this.now, hashUniform(this.seed, STREAM.throttle, this.jobs.drawKey[j]!, n));
      if (why !== null) return refusedLocally('throttled', why);
    }
    if (caller.breaker) {
      const before = caller.breaker.state;
      const why = breakerAdmit(caller.breaker, this.now);
      if (caller.breaker.state !== before) this.overload?.breakerChanged(this.jobs.type[j]!, this.now);
      if (why !== null) return refusedLocally('circuit_open', why);
    }
    return null;
  }

  /** A job's call ended (answer or timeout): the attempt ends with it, if its worker still waits. */
  answer(c: Call, failure: FailedAttempt | null): boolean {
    const index = this.callSlot.get(c.id);
    this.callSlot.delete(c.id);
    const slot = index === undefined ? undefined : this.pool.slots[index];
    if (!slot || slot.call !== c.id) return false;
    const type = this.jobs.type[slot.job]!;
    const caller = this.callerOf(type);
    if (caller.breaker) {
      const before = caller.breaker.state;
      breakerRecord(caller.breaker, this.now, failure === null);
      if (caller.breaker.state !== before) this.overload?.breakerChanged(type, this.now);
    }
    if (caller.throttle && failure === null) throttleRecordAccept(caller.throttle, this.now);
    this.endCall(slot, failure, -1);
    return true;
  }

  /** Ends the slot's attempt now (delay -1) or as an event (a local refusal, before the claim finished). */
  private endCall(slot: Slot, failure: FailedAttempt | null, delay: number): void {
    slot.outcome = failure === null ? 'succeeded' : failure.outcome;
    slot.error = failure?.error ?? null;
    slot.cause = failure?.cause ?? null;
    slot.call = 0;
    if (delay < 0) this.attemptEnded(slot.index, slot.epoch);
    else this.schedule(this.now + delay, Ev.AttemptEnd, slot.index, slot.epoch);
  }

  protected downstreamCounts(): DownstreamCounts | null {
    if (this.services.list.length === 0) return null;
    return this.services.counts(this.now, refusedCounts(this.callers));
  }
}
