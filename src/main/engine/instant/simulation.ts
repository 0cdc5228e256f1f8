// Instant mode: a discrete-event simulation of producers, queues and workers
// on a virtual clock. Time jumps from event to event; the same scenario and
// seed make the same events in the same order (see sim-events.ts).
import { drawAttempt, faultsForJobType, type JobTypeFaults } from '../../../shared/sim/attempt-draw.ts';
import { hashUniform, STREAM } from '../../../shared/random/hash-uniform.ts';
import { resolveRetryPolicy, retryDelay } from '../../../shared/retry/backoff.ts';
import { JOB_STATES, STATE_CODE, type AttemptOutcome, type JobState } from '../../../shared/job/states.ts';
import type { EventKind } from '../../../shared/events.ts';
import type { JobTypeSpec, RetryPolicy, Scenario } from '../../../shared/scenario/schema.ts';
import type { AttemptRecord, RunRecorder } from '../recorder/run-recorder.ts';
import { nextArrival } from './arrivals.ts';
import { JobTable } from './job-table.ts';
import { MinHeap } from './min-heap.ts';
import { ReadyQueues } from './ready-queues.ts';
import { Ev, eventBefore, isProgress, type SimEvent } from './sim-events.ts';
import { Snapshots } from './snapshots.ts';
import { WorkerPool, type Slot } from './worker-pool.ts';
import { Batches } from './batches.ts';
import { totalJobCapacity, type SimResult } from './sim-result.ts';

const S = STATE_CODE;

export interface SimulationOptions {
  /** Called now and then with the share of jobs that reached a final state. */
  onProgress?: (done: number, total: number, t: number) => void;
}

export class Simulation {
  readonly jobs: JobTable;
  private readonly queues: ReadyQueues;
  private readonly pool: WorkerPool;
  private readonly batches: Batches;
  private readonly snapshots = new Snapshots();
  private readonly future = new MinHeap<SimEvent>(eventBefore);
  private readonly counts = new Array<number>(JOB_STATES.length).fill(0);
  private readonly typeNames: string[];
  private readonly typeSpecs: JobTypeSpec[];
  private readonly typeFaults: JobTypeFaults[];
  private readonly typeRetry: RetryPolicy[];
  private readonly queueNames: string[];
  private readonly producerType: number[];
  private readonly producerQueue: number[];
  private readonly producerArrivals: number[];
  private readonly downstreamLimits: { type: number; max: number; per: number; window: number; used: number }[];
  private readonly seed: number;
  readonly leaseEnabled: boolean;
  /** Attempts by outcome, and the worker time spent on attempts that ended. */
  readonly outcomes = {
    byOutcome: { succeeded: 0, failed: 0, timeout: 0, crashed: 0, lost: 0 },
    processingSeconds: 0,
    ended: 0,
  };
  /** Integral of jobs in the system over time: L = systemArea / duration. */
  systemArea = 0;
  private order = 0;
  private progressEvents = 0;
  private arrivalsLeft = 0;
  private active = 0;
  private finalized = 0;
  now = 0;
  deduplicated = 0;
  leaseLost = 0;
  stoppedEarly = false;

  constructor(
    private readonly scenario: Scenario,
    private readonly recorder: RunRecorder,
    private readonly options: SimulationOptions = {},
  ) {
    this.seed = scenario.seed;
    this.typeNames = Object.keys(scenario.jobTypes);
    this.typeSpecs = this.typeNames.map((n) => scenario.jobTypes[n]!);
    this.typeFaults = this.typeNames.map((n) => faultsForJobType(n, scenario.faults));
    this.typeRetry = this.typeSpecs.map((t) => resolveRetryPolicy(scenario.retry, t.retry));
    this.queueNames = scenario.queues.map((q) => q.name);
    this.jobs = new JobTable(totalJobCapacity(scenario));
    this.queues = new ReadyQueues(scenario.queues, this.jobs);
    this.pool = new WorkerPool(scenario, this.queueNames);
    this.batches = new Batches(recorder);
    this.producerType = scenario.producers.map((p) => this.typeIndex(p.jobType ?? this.typeNames[0]!));
    this.producerQueue = scenario.producers.map((p) => this.queueNames.indexOf(p.queue));
    this.producerArrivals = scenario.producers.map(() => 0);
    this.leaseEnabled = !scenario.faults.some((f) => f.kind === 'noVisibilityTimeout');
    this.downstreamLimits = scenario.faults.flatMap((f) =>
      f.kind === 'downstreamRateLimit' ? [{ type: this.typeIndex(f.jobType), max: f.max, per: f.per, window: -1, used: 0 }] : [],
    );
  }

  run(): SimResult {
    const started = performance.now();
    this.start();
    const stopAt = this.scenario.stopAt ?? Infinity;
    let steps = 0;
    for (;;) {
      if (this.active === 0 && this.arrivalsLeft === 0) break;
      if (this.progressEvents === 0 && !this.pool.canPollFor(this.queues.ready)) break;
      const ev = this.future.pop();
      if (!ev) break;
      if (ev.t > stopAt) {
        this.stoppedEarly = true;
        this.now = stopAt;
        break;
      }
      if (isProgress(ev.kind)) this.progressEvents--;
      this.snapshots.advance(ev.t, this.counts);
      this.systemArea += this.active * (ev.t - this.now);
      this.now = ev.t;
      this.handle(ev);
      this.spare.push(ev);
      if ((++steps & 0x3fff) === 0) this.options.onProgress?.(this.finalized, this.jobs.size + this.arrivalsLeft, this.now);
    }
    this.snapshots.advance(this.now, this.counts);
    this.finishOpenJobs();
    this.recorder.workers(this.pool.records(this.now));
    this.recorder.snapshots(this.snapshots.rows(this.now, this.counts));
    const log = this.recorder.finish();
    this.options.onProgress?.(this.finalized, this.jobs.size, this.now);
    return { simulation: this, events: log.events, sha256: log.sha256, cpuMs: performance.now() - started };
  }

  // ---- scheduling ---------------------------------------------------------

  private schedule(t: number, kind: Ev, a: number, b = 0): void {
    if (isProgress(kind)) this.progressEvents++;
    // Handled events are reused: a million-job run schedules millions.
    const ev = this.spare.pop();
    if (ev) {
      ev.t = t;
      ev.order = this.order++;
      ev.kind = kind;
      ev.a = a;
      ev.b = b;
      this.future.push(ev);
    } else {
      this.future.push({ t, order: this.order++, kind, a, b });
    }
  }

  private readonly spare: SimEvent[] = [];
  /** The attempt a dead or hung worker left behind, by job, until its lease expires. */
  private readonly abandoned = new Map<number, AttemptRecord>();

  private start(): void {
    this.scenario.producers.forEach((p, i) => {
      this.arrivalsLeft += p.count;
      if (p.count > 0) this.schedule(nextArrival(this.seed, p, i, 0, 0), Ev.Arrival, i);
    });
    for (const w of this.pool.workers) this.emit(0, null, 'worker_started', null, null, w.name, null);
    this.scenario.faults.forEach((f, i) => {
      if (f.kind === 'workerCrash' && f.at !== undefined) this.schedule(f.at, Ev.WorkerCrash, (f.worker ?? 1) - 1);
      if (f.kind === 'workerCrash' && f.rate !== undefined) {
        if (f.worker !== undefined) this.scheduleRandomCrash(f.worker - 1, f.rate);
        else this.pool.forEachWorkerIndex((w) => this.scheduleRandomCrash(w, f.rate!));
      }
      if (f.kind === 'workerHang') this.schedule(f.at, Ev.WorkerHang, f.worker - 1, f.duration ?? 0);
      if ('from' in f && 'to' in f) {
        this.schedule(f.from, Ev.FaultMark, i, 1);
        this.schedule(f.to, Ev.FaultMark, i, 0);
      }
    });
    for (const slot of this.pool.slots) this.seekWork(slot);
  }

  private scheduleRandomCrash(worker: number, rate: number): void {
    const k = this.pool.workers[worker]!.randomCrashes++;
    const u = hashUniform(this.seed, STREAM.crash, worker, k);
    this.schedule(this.now - Math.log(1 - u) / rate, Ev.WorkerCrash, worker, rate);
  }

  private handle(ev: SimEvent): void {
    switch (ev.kind) {
      case Ev.Arrival: return this.arrive(ev.a);
      case Ev.Due: return this.becomeDue(ev.a);
      case Ev.AttemptEnd: return this.attemptEnded(ev.a, ev.b);
      case Ev.LeaseExpired: return this.leaseExpired(ev.a, ev.b);
      case Ev.WorkerCrash: return this.crash(ev.a, ev.b);
      case Ev.WorkerHang: return this.hang(ev.a, ev.b);
      case Ev.WorkerRestart: return this.restart(ev.a);
      case Ev.Poll: {
        const slot = this.pool.slots[ev.a]!;
        if (slot.epoch === ev.b && slot.job === 0) this.seekWork(slot);
        return;
      }
      case Ev.TokensRefilled:
        this.queues.tokensRefilled(ev.a);
        for (const slot of this.pool.idleSlots()) this.seekWork(slot);
        return;
      case Ev.FaultMark: {
        const f = this.scenario.faults[ev.a]!;
        this.emit(this.now, null, ev.b ? 'fault_started' : 'fault_ended', null, null, null, 'jobType' in f ? `${f.kind} ${f.jobType}` : f.kind);
        return;
      }
    }
  }

  // ---- jobs -----------------------------------------------------------------

  private emit(t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null, detail: string | null): void {
    this.recorder.event(t, job, kind, from, to, worker, detail);
  }

  private move(job: number, to: number): void {
    this.counts[this.jobs.state[job]!]!--;
    this.counts[to]!++;
    this.jobs.state[job] = to;
  }

  private arrive(p: number): void {
    const producer = this.scenario.producers[p]!;
    const i = this.producerArrivals[p]!++;
    this.arrivalsLeft--;
    if (this.producerArrivals[p]! < producer.count) {
      this.schedule(nextArrival(this.seed, producer, p, this.producerArrivals[p]!, this.now), Ev.Arrival, p);
    }
    if (i > 0 && producer.duplicateRate > 0 && hashUniform(this.seed, STREAM.duplicate, p, i) < producer.duplicateRate) {
      // A client re-sent the previous request with the same idempotency key:
      // the queue answers with the job it already has.
      this.deduplicated++;
      if (producer.batch) this.batches.skip(p, i, producer.batch.size, producer.count);
      this.emit(this.now, this.lastJobOf[p] ?? null, 'deduplicated', null, null, null, `idempotency key p${p}-${i - 1}`);
      return;
    }
    const batch = producer.batch ? this.batches.member(p, i, producer.batch.size, producer.count) : 0;
    const root = this.enqueue(this.producerQueue[p]!, this.producerType[p]!, producer.priority, producer.delay, 0, batch);
    if (producer.duplicateRate > 0) this.jobs.idempotencyKey.set(root, `p${p}-${i}`);
    this.lastJobOf[p] = root;
    let parent = root;
    for (const typeName of producer.then) {
      parent = this.enqueue(this.producerQueue[p]!, this.typeIndex(typeName), producer.priority, 0, parent, 0);
    }
  }

  private readonly lastJobOf: number[] = [];

  private enqueue(queue: number, type: number, priority: number | undefined, delay: number, parent: number, batch: number): number {
    const j = this.jobs.add(queue, type, priority ?? this.scenario.queues[queue]!.priority, this.now);
    this.active++;
    this.jobs.batch[j] = batch;
    const waits = delay > 0 || parent > 0;
    this.counts[S.pending]!++; // move() below keeps counts right from a known start
    this.jobs.state[j] = S.pending;
    if (parent > 0) {
      this.jobs.parent[j] = parent;
      this.jobs.child[parent] = j;
    }
    if (waits) {
      this.move(j, S.scheduled);
      this.jobs.dueAt[j] = this.now + delay;
      this.emit(this.now, j, 'enqueued', null, 'scheduled', null, parent > 0 ? `waits for job ${parent}` : `delayed ${delay} s`);
      if (parent === 0) this.schedule(this.now + delay, Ev.Due, j);
    } else {
      this.emit(this.now, j, 'enqueued', null, 'pending', null, null);
      this.makeReady(j);
    }
    return j;
  }

  private becomeDue(j: number): void {
    const state = this.jobs.state[j]!;
    if (state !== S.scheduled && state !== S.retrying) return;
    const parent = this.jobs.parent[j]!;
    if (parent > 0 && this.jobs.state[parent] !== S.succeeded) return;
    this.move(j, S.pending);
    this.jobs.dueAt[j] = this.now;
    this.emit(this.now, j, 'due', JOB_STATES[state]!, 'pending', null, parent > 0 && state === S.scheduled ? `parent job ${parent} succeeded` : null);
    this.makeReady(j);
  }

  private makeReady(j: number): void {
    this.queues.push(this.jobs.queue[j]!, j);
    const slot = this.pool.idleSlotFor(this.jobs.queue[j]!);
    if (slot) this.seekWork(slot);
  }

  // ---- workers --------------------------------------------------------------

  private seekWork(slot: Slot): void {
    if (slot.job !== 0 || !this.pool.isUp(slot.worker)) return;
    const j = this.pool.takeRacy(slot, this.now) || this.queues.take(slot.order, slot.ordered, this.now, this.onThrottled);
    if (j === 0) {
      this.pool.markIdle(slot);
      if (this.pool.pollInterval > 0) this.schedule(this.now + this.pool.pollInterval, Ev.Poll, slot.index, slot.epoch);
      return;
    }
    this.claim(slot, j);
  }

  private readonly onThrottled = (queue: number, at: number): void => this.schedule(at, Ev.TokensRefilled, queue);

  private claim(slot: Slot, j: number): void {
    const jobs = this.jobs;
    const from = JOB_STATES[jobs.state[j]!]!;
    const doubled = from !== 'pending'; // unsafe claim: someone else took it already
    if (!doubled) this.move(j, S.processing);
    const n = ++jobs.attempts[j]!;
    if (Number.isNaN(jobs.firstClaimAt[j]!)) jobs.firstClaimAt[j] = this.now;
    const worker = this.pool.workers[slot.worker]!;
    this.emit(this.now, j, 'claimed', from, doubled ? from : 'processing', worker.name, doubled ? 'double claim: read-then-update race' : null);
    const type = jobs.type[j]!;
    const fate = drawAttempt(this.seed, this.typeSpecs[type]!, this.typeFaults[type]!, j, n, this.now, this.pool.slowdown(slot.worker, this.now));
    if (fate.outcome === 'succeeded' && this.downstreamRejects(type)) {
      fate.outcome = 'failed';
      fate.error = 'HTTP 429 Too Many Requests from downstream';
    }
    const attempt: AttemptRecord = {
      attempt: n, worker: worker.name, startedAt: this.now, endedAt: null, outcome: null, error: null,
      backoffBase: null, backoffDelay: null, backoffFormula: null,
    };
    this.pool.occupy(slot, j, attempt, fate.outcome, fate.error, this.now);
    if (!jobs.written[j] && this.recorder.storesRows) {
      const open = jobs.openAttempts.get(j);
      if (open) open.push(attempt);
      else jobs.openAttempts.set(j, [attempt]);
    }
    if (this.pool.unsafeWindow > 0 && !doubled) this.pool.addRacy(j, slot, this.now);
    this.schedule(this.now + fate.runFor, Ev.AttemptEnd, slot.index, slot.epoch);
  }

  private downstreamRejects(type: number): boolean {
    for (const lim of this.downstreamLimits) {
      if (lim.type !== type) continue;
      const window = Math.floor(this.now / lim.per);
      if (window !== lim.window) {
        lim.window = window;
        lim.used = 0;
      }
      if (++lim.used > lim.max) return true;
    }
    return false;
  }

  private attemptEnded(slotIndex: number, epoch: number): void {
    const slot = this.pool.slots[slotIndex]!;
    if (slot.epoch !== epoch || slot.job === 0) return; // the worker died or hung meanwhile
    const j = slot.job;
    const attempt = slot.attempt!;
    const outcome = slot.outcome!;
    attempt.endedAt = this.now;
    attempt.outcome = outcome;
    attempt.error = slot.error;
    this.outcomes.byOutcome[outcome]++;
    this.outcomes.processingSeconds += this.now - attempt.startedAt;
    this.outcomes.ended++;
    const worker = this.pool.workers[slot.worker]!;
    this.pool.release(slot);
    worker.jobsDone++;
    if (this.jobs.state[j] !== S.processing) {
      this.lateCompletion(j, attempt, worker.name);
    } else if (outcome === 'succeeded') {
      this.jobs.completions[j]!++;
      this.move(j, S.succeeded);
      this.emit(this.now, j, 'succeeded', 'processing', 'succeeded', worker.name, null);
      this.finalize(j, null);
      const child = this.jobs.child[j]!;
      if (child > 0) this.becomeDue(child);
    } else {
      this.failAttempt(j, attempt, worker.name, outcome, slot.error ?? 'failed');
    }
    if (this.pool.recycleIfDone(slot.worker)) {
      this.emit(this.now, null, 'worker_recycled', null, null, worker.name, `max jobs ${this.scenario.workers.maxJobs} reached`);
      this.restartLater(slot.worker);
    } else {
      this.seekWork(slot);
    }
  }

  /** A second worker finishing a job someone else already finished (unsafe claim). */
  private lateCompletion(j: number, attempt: AttemptRecord, worker: string): void {
    const again = attempt.outcome === 'succeeded' && this.jobs.state[j] === S.succeeded;
    if (again) {
      this.jobs.completions[j]!++;
      this.emit(this.now, j, 'completed_again', 'succeeded', 'succeeded', worker, `completed ${this.jobs.completions[j]} times`);
    } else {
      this.leaseLost++;
      this.emit(this.now, j, 'lease_lost', null, null, worker, `attempt ${attempt.attempt} ended as ${attempt.outcome}; the job had moved on`);
    }
    if (this.jobs.written[j]) this.recorder.lateAttempt(j, attempt, again);
  }

  private failAttempt(j: number, attempt: AttemptRecord, worker: string | null, outcome: AttemptOutcome, error: string): void {
    const jobs = this.jobs;
    jobs.addError(j, error);
    const n = jobs.attempts[j]!;
    const policy = this.typeRetry[jobs.type[j]!]!;
    if (n >= policy.maxAttempts) {
      this.move(j, S.dead);
      this.emit(this.now, j, 'dead', 'processing', 'dead', worker, `${outcome}: ${error} (attempt ${n} of ${policy.maxAttempts})`);
      this.finalize(j, `attempts exhausted (${n} of ${policy.maxAttempts})`);
      this.cancelChildren(j);
      return;
    }
    const prev = jobs.lastDelay[j]!;
    const delay = retryDelay(policy, n, Number.isNaN(prev) ? undefined : prev, hashUniform(this.seed, STREAM.jitter, j, n));
    jobs.lastDelay[j] = delay.delay;
    attempt.backoffBase = delay.base;
    attempt.backoffDelay = delay.delay;
    attempt.backoffFormula = delay.formula;
    jobs.dueAt[j] = this.now + delay.delay;
    this.move(j, S.retrying);
    this.emit(this.now, j, 'failed', 'processing', 'retrying', worker, `${outcome}: ${error}; retry in ${delay.formula}`);
    this.schedule(jobs.dueAt[j]!, Ev.Due, j);
  }

  private cancelChildren(j: number): void {
    for (let child = this.jobs.child[j]!, parent = j; child > 0; parent = child, child = this.jobs.child[child]!) {
      const from = JOB_STATES[this.jobs.state[child]!]!;
      this.move(child, S.cancelled);
      const reason = `parent job ${parent} ${parent === j ? 'died' : 'was cancelled'}`;
      this.jobs.cancelReason.set(child, reason);
      this.emit(this.now, child, 'cancelled', from, 'cancelled', null, reason);
      this.finalize(child, null);
    }
  }

  /** A job reached succeeded, dead or cancelled: hand it to the recorder. */
  private finalize(j: number, deadReason: string | null): void {
    const jobs = this.jobs;
    jobs.finishedAt[j] = this.now;
    this.active--;
    this.finalized++;
    this.writeJob(j, deadReason);
    if (jobs.batch[j]! > 0) this.batches.jobFinished(jobs.batch[j]! - 1, JOB_STATES[jobs.state[j]!]!, this.now, this.emit.bind(this));
  }

  private writeJob(j: number, deadReason: string | null): void {
    const jobs = this.jobs;
    const attempts = jobs.openAttempts.get(j) ?? [];
    jobs.openAttempts.delete(j);
    jobs.written[j] = 1;
    if (!this.recorder.storesRows) return;
    const finished = jobs.finishedAt[j]!;
    const firstClaim = jobs.firstClaimAt[j]!;
    this.recorder.job(
      {
        seq: j, queue: this.queueNames[jobs.queue[j]!]!, type: this.typeNames[jobs.type[j]!]!, state: JOB_STATES[jobs.state[j]!]!,
        priority: jobs.priority[j]!, attempts: jobs.attempts[j]!, maxAttempts: this.typeRetry[jobs.type[j]!]!.maxAttempts,
        payload: null, idempotencyKey: jobs.idempotencyKey.get(j) ?? null, enqueuedAt: jobs.enqueuedAt[j]!, dueAt: jobs.dueAt[j]!,
        firstClaimedAt: Number.isNaN(firstClaim) ? null : firstClaim, finishedAt: Number.isNaN(finished) ? null : finished,
        parentSeq: jobs.parent[j]! > 0 ? jobs.parent[j]! : null, batch: jobs.batch[j]! > 0 ? jobs.batch[j]! - 1 : null,
        lastError: jobs.lastError(j), cancelReason: jobs.cancelReason.get(j) ?? null, completions: jobs.completions[j]!,
      },
      attempts,
      deadReason === null ? null : { reason: deadReason, diedAt: this.now, errors: jobs.errors.get(j) ?? [] },
    );
  }

  /** Jobs still open when the run ends are written as they stand. */
  private finishOpenJobs(): void {
    for (let j = 1; j <= this.jobs.size; j++) if (!this.jobs.written[j]) this.writeJob(j, null);
  }

  // ---- faults on workers ----------------------------------------------------

  private crash(w: number, rate: number): void {
    if (rate > 0) this.scheduleRandomCrash(w, rate);
    if (!this.pool.isUp(w)) return;
    const lost = this.pool.stop(w, 'crashed', this.now);
    const worker = this.pool.workers[w]!;
    this.emit(this.now, null, 'worker_crashed', null, null, worker.name, lost.length ? `killed mid-job: job ${lost.map((s) => s.job).join(', ')}` : 'killed while idle');
    this.abandon(lost, 'crashed');
    this.restartLater(w);
  }

  private hang(w: number, duration: number): void {
    if (!this.pool.isUp(w)) return;
    const stuck = this.pool.stop(w, 'hung', this.now);
    this.emit(this.now, null, 'worker_hung', null, null, this.pool.workers[w]!.name, duration > 0 ? `stops heartbeating for ${duration} s` : 'stops heartbeating');
    this.abandon(stuck, 'lost');
    if (duration > 0) this.schedule(this.now + duration, Ev.WorkerRestart, w);
  }

  /** In-flight jobs of a dead or hung worker stay `processing` until their lease expires. */
  private abandon(slots: readonly { job: number; attempt: AttemptRecord; heartbeatAt: number }[], outcome: 'crashed' | 'lost'): void {
    for (const s of slots) {
      this.outcomes.byOutcome[outcome]++;
      s.attempt.endedAt = this.now;
      s.attempt.outcome = outcome;
      s.attempt.error = outcome === 'crashed' ? 'worker crashed mid-job' : 'worker stopped heartbeating';
      this.abandoned.set(s.job, s.attempt);
      if (this.leaseEnabled) this.schedule(s.heartbeatAt + this.scenario.visibilityTimeout, Ev.LeaseExpired, s.job, s.attempt.attempt);
    }
  }

  private leaseExpired(j: number, attemptNumber: number): void {
    if (this.jobs.state[j] !== S.processing || this.jobs.attempts[j] !== attemptNumber) return;
    const attempt = this.abandoned.get(j);
    this.abandoned.delete(j);
    const error = `${attempt?.error ?? 'worker lost'}; lease expired after ${this.scenario.visibilityTimeout} s`;
    if (attempt) attempt.error = error;
    const policy = this.typeRetry[this.jobs.type[j]!]!;
    this.jobs.addError(j, error);
    if (attemptNumber >= policy.maxAttempts) {
      this.move(j, S.dead);
      this.emit(this.now, j, 'recovered', 'processing', 'dead', null, `${error}; attempts exhausted`);
      this.finalize(j, `lease expired on the last attempt (${attemptNumber} of ${policy.maxAttempts})`);
      this.cancelChildren(j);
      return;
    }
    this.move(j, S.pending);
    this.jobs.dueAt[j] = this.now;
    this.emit(this.now, j, 'recovered', 'processing', 'pending', null, error);
    this.makeReady(j);
  }

  private restartLater(w: number): void {
    if (this.scenario.workers.restart === 'always') this.schedule(this.now + this.scenario.workers.restartDelay, Ev.WorkerRestart, w);
  }

  private restart(w: number): void {
    if (this.pool.isUp(w)) return;
    this.pool.start(w);
    this.emit(this.now, null, 'worker_started', null, null, this.pool.workers[w]!.name, `restart ${this.pool.workers[w]!.restarts}`);
    for (const slot of this.pool.slotsOf(w)) this.seekWork(slot);
  }

  private typeIndex(name: string): number {
    const i = this.typeNames.indexOf(name);
    if (i < 0) throw new Error(`unknown job type ${name}`);
    return i;
  }

  /** State counts right now, by name. */
  stateCounts(): Record<JobState, number> {
    return Object.fromEntries(JOB_STATES.map((s, i) => [s, this.counts[i]!])) as Record<JobState, number>;
  }
}
