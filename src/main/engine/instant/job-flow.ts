// What happens to jobs: arrivals (with idempotent re-sends, batches and
// chains), becoming due, the claim, the end of an attempt, retries with
// backoff, death, and the cancellation of a dead job's children.
import { drawAttempt } from '../../../shared/sim/attempt-draw.ts';
import { hashUniform, STREAM } from '../../../shared/random/hash-uniform.ts';
import { retryDelay } from '../../../shared/retry/backoff.ts';
import { JOB_STATES, type AttemptOutcome } from '../../../shared/job/states.ts';
import type { AttemptRecord } from '../recorder/run-recorder.ts';
import { nextArrival } from './arrivals.ts';
import { Ev } from './sim-events.ts';
import { type Slot } from './worker-pool.ts';

import { S, SimCore } from './sim-core.ts';

export abstract class JobFlow extends SimCore {
  /** A worker stopped (recycled): the supervisor brings it back. */
  protected abstract restartLater(w: number): void;

  protected arrive(p: number): void {
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
      if (producer.batch) this.batches.skip(p, i, producer.batch.size, producer.count, this.now, this.emit.bind(this));
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

  protected readonly lastJobOf: number[] = [];

  protected enqueue(queue: number, type: number, priority: number | undefined, delay: number, parent: number, batch: number): number {
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

  protected becomeDue(j: number): void {
    const state = this.jobs.state[j]!;
    if (state !== S.scheduled && state !== S.retrying) return;
    const parent = this.jobs.parent[j]!;
    if (parent > 0 && this.jobs.state[parent] !== S.succeeded) return;
    this.move(j, S.pending);
    this.jobs.dueAt[j] = this.now;
    this.emit(this.now, j, 'due', JOB_STATES[state]!, 'pending', null, parent > 0 && state === S.scheduled ? `parent job ${parent} succeeded` : null);
    this.makeReady(j);
  }

  protected makeReady(j: number): void {
    this.queues.push(this.jobs.queue[j]!, j);
    const slot = this.pool.idleSlotFor(this.jobs.queue[j]!);
    if (slot) this.seekWork(slot);
  }


  protected seekWork(slot: Slot): void {
    if (slot.job !== 0 || !this.pool.isUp(slot.worker)) return;
    const j = this.pool.takeRacy(slot, this.now) || this.queues.take(slot.order, slot.ordered, this.now, this.onThrottled);
    if (j === 0) {
      this.pool.markIdle(slot);
      if (this.pool.pollInterval > 0) this.schedule(this.now + this.pool.pollInterval, Ev.Poll, slot.index, slot.epoch);
      return;
    }
    this.claim(slot, j);
  }

  protected readonly onThrottled = (queue: number, at: number): void => this.schedule(at, Ev.TokensRefilled, queue);

  protected claim(slot: Slot, j: number): void {
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
    // Every call spends the downstream's quota, whatever the attempt's fate.
    if (this.downstreamRejects(type) && fate.outcome !== 'timeout') {
      fate.outcome = 'failed';
      fate.error = 'HTTP 429 Too Many Requests from downstream';
    }
    const attempt: AttemptRecord = {
      attempt: n, worker: worker.name, startedAt: this.now, endedAt: null, outcome: null, error: null,
      backoffBase: null, backoffDelay: null, backoffFormula: null,
    };
    this.pool.occupy(slot, j, attempt, fate.outcome, fate.error, this.now);
    if (this.recorder.storesRows) {
      const open = jobs.openAttempts.get(j);
      if (open) open.push(attempt);
      else jobs.openAttempts.set(j, [attempt]);
    }
    if (this.pool.unsafeWindow > 0 && !doubled) this.pool.addRacy(j, slot, this.now);
    this.schedule(this.now + fate.runFor, Ev.AttemptEnd, slot.index, slot.epoch);
  }

  protected attemptEnded(slotIndex: number, epoch: number): void {
    const slot = this.pool.slots[slotIndex]!;
    if (slot.epoch !== epoch || slot.job === 0) return; // the worker died or hung meanwhile
    const j = slot.job;
    const attempt = slot.attempt!;
    const outcome = slot.outcome!;
    const error = slot.error;
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
      this.failAttempt(j, attempt, worker.name, outcome, error ?? 'failed');
    }
    if (this.pool.recycleIfDone(slot.worker)) {
      this.emit(this.now, null, 'worker_recycled', null, null, worker.name, `max jobs ${this.scenario.workers.maxJobs} reached`);
      this.restartLater(slot.worker);
    } else {
      this.seekWork(slot);
    }
  }

  /** A second worker finishing a job someone else already finished (unsafe claim). */
  protected lateCompletion(j: number, attempt: AttemptRecord, worker: string): void {
    const again = attempt.outcome === 'succeeded' && this.jobs.state[j] === S.succeeded;
    if (again) {
      this.jobs.completions[j]!++;
      this.emit(this.now, j, 'completed_again', 'succeeded', 'succeeded', worker, `completed ${this.jobs.completions[j]} times`);
    } else {
      this.leaseLost++;
      this.emit(this.now, j, 'lease_lost', null, null, worker, `attempt ${attempt.attempt} ended as ${attempt.outcome}; the job had moved on`);
    }
    if (this.jobs.written[j]) this.handOverLateAttempt(j, attempt, again);
  }

  protected failAttempt(j: number, attempt: AttemptRecord, worker: string | null, outcome: AttemptOutcome, error: string): void {
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

  protected cancelChildren(j: number): void {
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
  protected finalize(j: number, deadReason: string | null): void {
    const jobs = this.jobs;
    jobs.finishedAt[j] = this.now;
    this.active--;
    this.finalized++;
    this.writeJob(j, deadReason);
    if (jobs.batch[j]! > 0) this.batches.jobFinished(jobs.batch[j]! - 1, JOB_STATES[jobs.state[j]!]!, this.now, this.emit.bind(this));
  }

}
