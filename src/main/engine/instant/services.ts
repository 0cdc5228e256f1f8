// Instant mode's downstream services (README.md "Services"): each has
// `concurrency` slots and a FIFO queue; a call holds a slot for a draw of its
// service time, then (for a layer) for its own calls to the next service and
// their retries. A caller may give up (timeout); the service is not told and
// serves the call to the end: wasted work. Windows take slots away for a
// while. Plain component: the simulator schedules its events and hears the
// answers through `answer`.
import { hashUniform, STREAM } from '../../../shared/random/hash-uniform.ts';
import { sampleDuration } from '../../../shared/random/distributions.ts';
import { afterFailedLayerCall, callTimedOut, layerPolicy, serviceFailed } from '../../../shared/lifecycle/downstream-calls.ts';
import type { FailedAttempt } from '../../../shared/lifecycle/after-attempt.ts';
import type { DownstreamCounts } from '../../../shared/overload/downstream-summary.ts';
import type { RetryPolicy, Scenario, ServiceSpec } from '../../../shared/scenario/schema.ts';

interface Service {
  name: string;
  spec: ServiceSpec;
  index: number;
  /** The next layer: service index, timeout, retry policy. */
  below: { service: number; timeout: number | undefined; policy: RetryPolicy } | null;
  capacity: number;
  busy: number;
  queue: Call[];
  head: number;
  calls: number;
  wasted: number;
  rejected: number;
  busySeconds: number;
  /** Sum of servedAt over the calls holding a slot now: their slot time so far is busy x now - this. */
  servingSince: number;
  maxQueue: number;
  lastEnd: number;
}

export interface Call {
  id: number;
  service: number;
  /** The call this one was made for (a layer above), or null for a job's call. */
  parent: Call | null;
  /** False once the caller gave up (or was gone): finishing it is wasted work. */
  waiting: boolean;
  /** When the caller gives up, seconds (undefined: it waits). */
  timeout: number | undefined;
  servedAt: number;
  /** The current call to the next layer, its attempt number and the last backoff. */
  child: Call | null;
  layerAttempt: number;
  lastDelay: number | undefined;
  done: boolean;
  /** Events still scheduled that name this call (the simulator forgets it when none is left and it is done). */
  pending: number;
  /** Why the service refused it at once (answered by a 'refused' event, after the caller holds the call). */
  refusal: FailedAttempt | null;
}

export type ServiceEvent = 'served' | 'refused' | 'timeout' | 'layerRetry' | 'capacity';

/** How the simulator lets a service act later and hears a job's answer. */
export interface ServiceHost {
  later(t: number, kind: ServiceEvent, call: Call | null, service: number): void;
  /** A job's call ended: null when it succeeded, else how the attempt failed. False: nobody was waiting any more (a crashed worker). */
  answer(call: Call, failure: FailedAttempt | null): boolean;
}

export class Services {
  readonly list: Service[];
  private nextId = 1;

  constructor(
    private readonly scenario: Scenario,
    private readonly host: ServiceHost,
  ) {
    const specs = scenario.services ?? {};
    const names = Object.keys(specs);
    this.list = names.map((name, index) => ({
      name, spec: specs[name]!, index, below: null, capacity: specs[name]!.concurrency, busy: 0, queue: [], head: 0,
      calls: 0, wasted: 0, rejected: 0, busySeconds: 0, servingSince: 0, maxQueue: 0, lastEnd: 0,
    }));
    for (const s of this.list) {
      const c = s.spec.calls;
      if (c) s.below = { service: names.indexOf(c.service), timeout: c.timeout, policy: layerPolicy(scenario, c.retry) };
    }
  }

  indexOf(name: string): number {
    return this.list.findIndex((s) => s.name === name);
  }

  /** Schedules every window's start and end (before anything else, so a window at 0 is open for the first call). */
  start(): void {
    for (const s of this.list) for (const w of s.spec.windows) {
      this.host.later(w.from, 'capacity', null, s.index);
      this.host.later(w.to, 'capacity', null, s.index);
    }
  }

  /** A window opened or closed: recompute the slots and serve what now fits. */
  capacityChanged(service: number, now: number): void {
    const s = this.list[service]!;
    let fraction = 1;
    for (const w of s.spec.windows) if (now >= w.from && now < w.to) fraction = Math.min(fraction, w.capacity);
    s.capacity = fraction === 0 ? 0 : Math.max(1, Math.floor(s.spec.concurrency * fraction));
    this.serveQueued(s, now);
  }

  /** A new call arrives at a service; answered at once when the service refuses it. */
  call(service: number, parent: Call | null, now: number, timeout: number | undefined): Call {
    const s = this.list[service]!;
    const c: Call = { id: this.nextId++, service, parent, waiting: true, timeout, servedAt: 0, child: null, layerAttempt: 0, lastDelay: undefined, done: false, refusal: null, pending: 0 };
    s.calls++;
    if (timeout !== undefined) this.host.later(now + timeout, 'timeout', c, service);
    if (s.capacity === 0) this.refuse(c, now, serviceFailed(s.name, 'outage'));
    else if (s.busy < s.capacity) this.serve(s, c, now);
    else if (s.spec.queueLimit !== undefined && s.queue.length - s.head >= s.spec.queueLimit) {
      s.rejected++;
      this.refuse(c, now, serviceFailed(s.name, 'service_full'));
    } else {
      s.queue.push(c);
      s.maxQueue = Math.max(s.maxQueue, s.queue.length - s.head);
    }
    return c;
  }

  /** Answered at once, but as an event: the caller must hold the call before its answer comes. */
  private refuse(c: Call, now: number, failure: FailedAttempt): void {
    c.refusal = failure;
    this.host.later(now, 'refused', c, c.service);
  }

  refused(c: Call, now: number): void {
    this.finish(c, now, c.refusal, false);
  }

  private serve(s: Service, c: Call, now: number): void {
    s.busy++;
    s.servingSince += now;
    c.servedAt = now;
    const u1 = hashUniform(this.scenario.seed, STREAM.service, c.id, 0);
    const u2 = hashUniform(this.scenario.seed, STREAM.service, c.id, 1);
    this.host.later(now + sampleDuration(s.spec.serviceTime, u1, u2), 'served', c, s.index);
  }

  private serveQueued(s: Service, now: number): void {
    while (s.busy < s.capacity && s.head < s.queue.length) {
      const next = s.queue[s.head++]!;
      this.serve(s, next, now);
    }
    if (s.head > 1024 && s.head * 2 > s.queue.length) {
      s.queue.splice(0, s.head);
      s.head = 0;
    }
  }

  /** The service time is over: fail by failureRate, call the next layer, or answer. */
  served(c: Call, now: number): void {
    const s = this.list[c.service]!;
    if (s.spec.failureRate > 0 && hashUniform(this.scenario.seed, STREAM.service, c.id, 2) < s.spec.failureRate) {
      return this.finish(c, now, serviceFailed(s.name, 'service_error', 'handler error'), true);
    }
    if (s.below) return this.callBelow(c, now);
    this.finish(c, now, null, true);
  }

  private callBelow(c: Call, now: number): void {
    const below = this.list[c.service]!.below!;
    c.layerAttempt++;
    c.child = this.call(below.service, c, now, below.timeout);
  }

  /** A caller's timeout ran out: it stops waiting (the service does not notice). */
  timedOut(c: Call, now: number): void {
    if (c.done || !c.waiting) return;
    c.waiting = false;
    this.list[c.service]!.wasted++; // the service will serve it anyway, for nobody
    const failure = callTimedOut(this.list[c.service]!.name, c.timeout ?? 0);
    if (c.parent) this.childEnded(c.parent, c, failure, now);
    else this.host.answer(c, failure);
  }

  layerRetry(c: Call, now: number): void {
    if (!c.done) this.callBelow(c, now);
  }

  /** The call is over at its service: free the slot, count waste, tell a caller still waiting. */
  private finish(c: Call, now: number, failure: FailedAttempt | null, heldSlot: boolean): void {
    const s = this.list[c.service]!;
    c.done = true;
    s.lastEnd = now;
    if (heldSlot) {
      s.busy--;
      s.servingSince -= c.servedAt;
      s.busySeconds += now - c.servedAt;
      this.serveQueued(s, now);
    }
    if (!c.waiting) return; // its caller gave up: counted as wasted then
    c.waiting = false;
    if (c.parent) this.childEnded(c.parent, c, failure, now);
    else if (!this.host.answer(c, failure) && heldSlot) s.wasted++;
  }

  /** A layer's call to the next service ended: answer, or retry after the layer's backoff. */
  private childEnded(parent: Call, child: Call, failure: FailedAttempt | null, now: number): void {
    if (parent.child !== child || parent.done) return;
    parent.child = null;
    if (failure === null) return this.finish(parent, now, null, true);
    const s = this.list[parent.service]!;
    const d = afterFailedLayerCall(s.below!.policy, parent.layerAttempt, parent.lastDelay, this.scenario.seed, parent.id);
    if (d.retry) {
      parent.lastDelay = d.delay;
      this.host.later(now + d.delay, 'layerRetry', parent, parent.service);
      return;
    }
    const below = this.list[child.service]!.name;
    this.finish(parent, now, serviceFailed(s.name, 'service_error', `its call to ${below} failed ${parent.layerAttempt} time${parent.layerAttempt === 1 ? '' : 's'} (${failure.error})`), true);
  }

  /** A service's state now, for the charts over time: busy slot-seconds so far, calls in service and waiting, open slots. */
  load(service: number, now: number): { busySeconds: number; inService: number; queued: number; capacity: number } {
    const s = this.list[service]!;
    return { busySeconds: s.busySeconds + (s.busy * now - s.servingSince), inService: s.busy, queued: s.queue.length - s.head, capacity: s.capacity };
  }

  /** The run is over: calls still in service count their slot time so far. */
  counts(now: number, refused: DownstreamCounts['refused']): DownstreamCounts {
    const services: DownstreamCounts['services'] = {};
    for (const s of this.list) {
      const busySeconds = s.busySeconds + (s.busy * now - s.servingSince);
      services[s.name] = { concurrency: s.spec.concurrency, calls: s.calls, wasted: s.wasted, rejected: s.rejected, busySeconds, maxQueue: s.maxQueue, lastEnd: s.lastEnd };
    }
    return { services, refused };
  }
}
