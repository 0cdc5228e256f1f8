// Simulated workers: each has `concurrency` slots, serves its queues in its
// order, can crash, hang, be recycled after max jobs, and be restarted. The
// pool also keeps the idle slots and the "racy" claims of the unsafe-claim
// teaching switch.
import type { AttemptOutcome } from '../../../shared/job/states.ts';
import type { FailureCause } from '../../../shared/lifecycle/reasons.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import type { AttemptRecord, WorkerRecord } from '../recorder/run-recorder.ts';

export interface Slot {
  index: number;
  worker: number;
  /** Queue indexes this slot serves, in the order it looks at them. */
  order: readonly number[];
  /** True when the worker names its queues: their order beats priority. */
  ordered: boolean;
  /** Bumped whenever the slot's work is abandoned, so stale events are ignored. */
  epoch: number;
  job: number;
  attempt: AttemptRecord | null;
  outcome: AttemptOutcome | null;
  error: string | null;
  cause: FailureCause | null;
  startedAt: number;
  idle: boolean;
  /** The service call this slot's attempt waits on (instant/call-flow.ts), 0 for none. */
  call: number;
}

export interface SimWorker {
  name: string;
  up: boolean;
  state: 'idle' | 'crashed' | 'hung' | 'stopped';
  startedAt: number;
  jobsDone: number;
  jobsSinceStart: number;
  restarts: number;
  randomCrashes: number;
}

interface RacyClaim {
  job: number;
  worker: number;
  until: number;
}

export class WorkerPool {
  readonly workers: SimWorker[] = [];
  readonly slots: Slot[] = [];
  readonly pollInterval: number;
  readonly unsafeWindow: number;
  private readonly idle: Slot[] = [];
  private racy: RacyClaim[] = [];
  private readonly heartbeat: number;

  constructor(
    private readonly scenario: Scenario,
    queueNames: readonly string[],
  ) {
    const w = scenario.workers;
    this.pollInterval = w.pollInterval;
    this.heartbeat = scenario.heartbeatInterval;
    const unsafe = scenario.faults.find((f) => f.kind === 'unsafeClaim');
    this.unsafeWindow = unsafe && unsafe.kind === 'unsafeClaim' ? unsafe.window : 0;
    const ordered = w.queues !== undefined;
    const order = ordered
      ? w.queues!.map((q) => queueNames.indexOf(q))
      : queueNames.map((_, i) => i).sort((a, b) => scenario.queues[a]!.priority - scenario.queues[b]!.priority || a - b);
    for (let i = 0; i < w.count; i++) {
      this.workers.push({ name: `w${i + 1}`, up: true, state: 'idle', startedAt: 0, jobsDone: 0, jobsSinceStart: 0, restarts: 0, randomCrashes: 0 });
      for (let k = 0; k < w.concurrency; k++) {
        this.slots.push({
          index: this.slots.length, worker: i, order, ordered, epoch: 0, job: 0, attempt: null,
          outcome: null, error: null, cause: null, startedAt: 0, idle: false, call: 0,
        });
      }
    }
  }

  forEachWorkerIndex(fn: (w: number) => void): void {
    for (let i = 0; i < this.workers.length; i++) fn(i);
  }

  /** A slot of a live worker still running an attempt (a doubled one, say). */
  anyBusy(): boolean {
    return this.slots.some((s) => s.job !== 0);
  }

  isUp(w: number): boolean {
    return this.workers[w]!.up;
  }

  slotsOf(w: number): Slot[] {
    return this.slots.filter((s) => s.worker === w);
  }

  markIdle(slot: Slot): void {
    if (slot.idle || this.pollInterval > 0) return;
    slot.idle = true;
    this.idle.push(slot);
  }

  /** The slot idle longest that serves `queue` (a blocking pop wakes the longest waiter). */
  idleSlotFor(queue: number): Slot | undefined {
    for (let i = 0; i < this.idle.length; i++) {
      const slot = this.idle[i]!;
      if (slot.order.includes(queue)) {
        this.idle.splice(i, 1);
        slot.idle = false;
        return slot;
      }
    }
    return undefined;
  }

  idleSlots(): Slot[] {
    const all = this.idle.splice(0);
    for (const s of all) s.idle = false;
    return all;
  }

  /** Polling workers can still pick up ready work even when nothing else is scheduled. */
  canPollFor(ready: number): boolean {
    return ready > 0 && this.pollInterval > 0 && this.workers.some((w) => w.up);
  }

  occupy(slot: Slot, job: number, attempt: AttemptRecord, outcome: AttemptOutcome, error: string | null, cause: FailureCause | null, now: number): void {
    slot.job = job;
    slot.attempt = attempt;
    slot.outcome = outcome;
    slot.error = error;
    slot.cause = cause;
    slot.startedAt = now;
  }

  release(slot: Slot): void {
    slot.job = 0;
    slot.call = 0;
    slot.attempt = null;
    slot.outcome = null;
    slot.error = null;
    slot.cause = null;
    const w = this.workers[slot.worker]!;
    w.jobsSinceStart++;
  }

  /** Max jobs reached: the worker exits cleanly and the supervisor starts a fresh one. */
  recycleIfDone(w: number): boolean {
    const max = this.scenario.workers.maxJobs;
    const worker = this.workers[w]!;
    if (max === undefined || worker.jobsSinceStart < max || this.slotsOf(w).some((s) => s.job !== 0)) return false;
    this.stop(w, 'stopped', 0);
    return true;
  }

  slowdown(w: number, now: number): number {
    let factor = 1;
    for (const f of this.scenario.faults) {
      if (f.kind === 'slowWorker' && f.worker - 1 === w && now >= f.from && now < f.to) factor *= f.factor;
    }
    return factor;
  }

  /** Takes the worker down; returns what its busy slots were doing, with the last heartbeat time. */
  stop(w: number, state: 'crashed' | 'hung' | 'stopped', now: number): { job: number; attempt: AttemptRecord; heartbeatAt: number }[] {
    const worker = this.workers[w]!;
    worker.up = false;
    worker.state = state;
    const busy: { job: number; attempt: AttemptRecord; heartbeatAt: number }[] = [];
    for (const slot of this.slotsOf(w)) {
      slot.epoch++;
      if (slot.idle) {
        this.idle.splice(this.idle.indexOf(slot), 1);
        slot.idle = false;
      }
      if (slot.job !== 0 && slot.attempt) {
        busy.push({ job: slot.job, attempt: slot.attempt, heartbeatAt: this.lastHeartbeat(slot.startedAt, now) });
      }
      slot.job = 0;
      slot.attempt = null;
      slot.call = 0;
    }
    return busy;
  }

  /** Heartbeats go out every heartbeatInterval from the claim; the lease counts from the last one. */
  private lastHeartbeat(startedAt: number, now: number): number {
    return startedAt + Math.floor((now - startedAt) / this.heartbeat) * this.heartbeat;
  }

  start(w: number): void {
    const worker = this.workers[w]!;
    worker.up = true;
    worker.state = 'idle';
    worker.restarts++;
    worker.jobsSinceStart = 0;
  }

  addRacy(job: number, slot: Slot, now: number): void {
    this.racy.push({ job, worker: slot.worker, until: now + this.unsafeWindow });
  }

  /** Unsafe claim: a job another worker read within the race window is read again by this one. */
  takeRacy(slot: Slot, now: number): number {
    if (this.unsafeWindow === 0 || this.racy.length === 0) return 0;
    this.racy = this.racy.filter((r) => r.until > now);
    const hit = this.racy.find((r) => r.worker !== slot.worker);
    if (!hit) return 0;
    this.racy.splice(this.racy.indexOf(hit), 1);
    return hit.job;
  }

  records(now: number): WorkerRecord[] {
    return this.workers.map((w) => ({
      name: w.name,
      state: w.up ? 'stopped' : w.state,
      startedAt: w.startedAt,
      stoppedAt: now,
      jobsDone: w.jobsDone,
      restarts: w.restarts,
    }));
  }
}
