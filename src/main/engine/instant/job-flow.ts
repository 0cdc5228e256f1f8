// What happens to jobs: arrivals (with idempotent re-sends, batches and
// chains), becoming due, the claim, the end of an attempt, and applying the
// lifecycle's decisions (src/shared/lifecycle) to the in-memory job table.
import { drawAttempt, refusedByDownstream } from '../../../shared/sim/attempt-draw.ts';
import { isResend } from '../../../shared/sim/draw-key.ts';
import { afterFailedAttempt, completedAgainEvent, leaseLostEvent, SUCCEEDED_EVENT } from '../../../shared/lifecycle/after-attempt.ts';
import { afterParentFinal } from '../../../shared/lifecycle/chains-and-batches.ts';
import type { FailureCause, TransitionEvent } from '../../../shared/lifecycle/reasons.ts';
import { JOB_STATES } from '../../../shared/job/states.ts';
import type { AttemptRecord } from '../recorder/run-recorder.ts';
import { nextArrival } from './arrivals.ts';
import { Ev } from './sim-events.ts';
import { type Slot } from './worker-pool.ts';
import type { Caller } from './callers.ts';
import { budgetOnRequest, budgetOnSuccess } from '../../../shared/overload/retry-budget.ts';

import { S, SimCore } from './sim-core.ts';

export abstract class JobFlow extends SimCore {
  /** A worker stopped (recycled): the supervisor brings it back. */
  protected abstract restartLater(w: number): void;
  /** The job type's service call and defences (instant/call-flow.ts). */
  protected abstract callerOf(type: number): Caller;
  /** Starts the attempt's call to its service; the attempt ends when it is answered or given up. */
  protected abstract callOut(slot: Slot, j: number, n: number, caller: Caller): void;

  protected arrive(p: number): void {
    const producer = this.scenario.producers[p]!;
    const i = this.producerArrivals[p]!++;
    this.arrivalsLeft--;
    if (this.producerArrivals[p]! < producer.count) {
      this.schedule(nextArrival(this.seed, producer, p, this.producerArrivals[p]!, this.now), Ev.Arrival, p);
    }
    if (isResend(this.seed, producer, p, i)) {
      // A client re-sent the previous request with the same idempotency key:
      // the queue answers with the job it already has.
      this.deduplicated++;
      if (producer.batch) this.batches.skip(p, i, producer.batch.size, producer.count, this.now, this.emitDecided.bind(this));
      this.emit(this.now, this.lastJobOf[p] ?? null, 'deduplicated', null, null, null, `idempotency key p${p}-${i - 1}`);
      return;
    }
    const batch = producer.batch ? this.batches.member(p, i, producer.batch.size, producer.count) : 0;
    const made = this.jobsMade[p] = (this.jobsMade[p] ?? 0) + 1;
    const root = this.enqueue(this.producerQueue[p]!, this.producerType[p]!, producer.priority, producer.delay, 0, batch, this.drawKeys.of(p, made - 1));
    if (producer.duplicateRate > 0) this.jobs.idempotencyKey.set(root, `p${p}-${i}`);
    this.lastJobOf[p] = root;
    let parent = root;
    producer.then.forEach((typeName, k) => {
      parent = this.enqueue(this.producerQueue[p]!, this.typeIndex(typeName), producer.priority, 0, parent, 0, this.drawKeys.of(p, made - 1, k + 1));
    });
  }

  protected readonly lastJobOf: number[] = [];
  /** Per producer, the jobs it made so far (re-sends make none): the draw key's index. */
  protected readonly jobsMade: number[] = [];

  protected enqueue(queue: number, type: number, priority: number | undefined, delay: number, parent: number, batch: number, drawKey: number): number {
    const j = this.jobs.add(queue, type, priority ?? this.scenario.queues[queue]!.priority, this.now);
    this.active++;
    this.jobs.batch[j] = batch;
    this.jobs.drawKey[j] = drawKey;
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
    if (parent > 0 && state === S.scheduled) this.emitDecided(j, afterParentFinal(parent, 'succeeded', 'scheduled').event, null);
    else this.emit(this.now, j, 'due', JOB_STATES[state]!, 'pending', null, null);
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
    if (doubled) this.emit(this.now, j, 'claimed', from, from, worker.name, 'double claim: read-then-update race', null, 'double_claim');
    else this.emit(this.now, j, 'claimed', from, 'processing', worker.name, null);
    const type = jobs.type[j]!;
    const caller = this.callerOf(type);
    if (caller.budget && n === 1) budgetOnRequest(caller.budget);
    const attempt: AttemptRecord = {
      attempt: n, worker: worker.name, startedAt: this.now, endedAt: null, outcome: null, error: null,
      backoffBase: null, backoffDelay: null, backoffFormula: null,
    };
    if (this.recorder.storesRows) {
      const open = jobs.openAttempts.get(j);
      if (open) open.push(attempt);
      else jobs.openAttempts.set(j, [attempt]);
    }
    if (caller.call !== null) {
      // The call decides the outcome later; the slot waits on it.
      this.pool.occupy(slot, j, attempt, 'succeeded', null, null, this.now);
      return this.callOut(slot, j, n, caller);
    }
    let fate = drawAttempt(this.seed, this.typeSpecs[type]!, this.typeFaults[type]!, jobs.drawKey[j]!, n, this.now, this.pool.slowdown(slot.worker, this.now));
    // Every call spends the downstream's quota, whatever the attempt's fate.
    if (this.downstreamRejects(type)) fate = refusedByDownstream(fate);
    this.pool.occupy(slot, j, attempt, fate.outcome, fate.error, fate.cause, this.now);
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
    const cause = slot.cause;
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
      const budget = this.callerOf(this.jobs.type[j]!).budget;
      if (budget) budgetOnSuccess(budget);
      this.jobs.completions[j]!++;
      this.move(j, S.succeeded);
      this.emitDecided(j, SUCCEEDED_EVENT, worker.name);
      this.finalize(j, null);
      const child = this.jobs.child[j]!;
      if (child > 0) this.becomeDue(child);
    } else {
      this.failAttempt(j, attempt, worker.name, outcome === 'timeout' ? 'timeout' : 'failed', error ?? 'failed', cause);
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
      this.emitDecided(j, completedAgainEvent(this.jobs.completions[j]!), worker);
    } else {
      this.leaseLost++;
      this.emitDecided(j, leaseLostEvent(attempt.attempt, attempt.outcome ?? 'lost'), worker);
    }
    if (this.jobs.written[j]) this.handOverLateAttempt(j, attempt, again);
  }

  /** Applies the lifecycle's decision after a failed attempt: retry after a backoff, or dead. */
  protected failAttempt(j: number, attempt: AttemptRecord, worker: string | null, outcome: 'failed' | 'timeout', error: string, cause: FailureCause | null): void {
    const jobs = this.jobs;
    jobs.addError(j, error);
    const prev = jobs.lastDelay[j]!;
    const policy = this.typeRetry[jobs.type[j]!]!;
    const decision = afterFailedAttempt(
      { outcome, error, cause },
      { attempt: jobs.attempts[j]!, maxAttempts: policy.maxAttempts, previousDelay: Number.isNaN(prev) ? undefined : prev },
      { policy, seed: this.seed, drawKey: jobs.drawKey[j]! },
      this.now,
      this.callerOf(jobs.type[j]!).gate,
    );
    if (decision.to === 'dead') return this.die(j, decision.event, worker, decision.deadLetter.reason);
    jobs.lastDelay[j] = decision.backoff.delay;
    attempt.backoffBase = decision.backoff.base;
    attempt.backoffDelay = decision.backoff.delay;
    attempt.backoffFormula = decision.backoff.formula;
    jobs.dueAt[j] = decision.dueAt;
    this.move(j, S.retrying);
    this.emitDecided(j, decision.event, worker);
    this.schedule(decision.dueAt, Ev.Due, j);
  }

  /** Applies a lifecycle death: the event, the dead-letter row, and the chain it takes down. */
  protected die(j: number, event: TransitionEvent, worker: string | null, deadReason: string): void {
    this.move(j, S.dead);
    this.emitDecided(j, event, worker);
    this.finalize(j, deadReason);
    this.cancelChildren(j);
  }

  /** A dead job's chain can never run: each waiting job is cancelled, each taking the next down. */
  protected cancelChildren(j: number): void {
    for (let child = this.jobs.child[j]!, parent = j; child > 0; parent = child, child = this.jobs.child[child]!) {
      const from = JOB_STATES[this.jobs.state[child]!]!;
      const decision = afterParentFinal(parent, parent === j ? 'dead' : 'cancelled', from);
      this.move(child, S.cancelled);
      this.jobs.cancelReason.set(child, decision.cancelReason!);
      this.emitDecided(child, decision.event, null);
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
    if (jobs.batch[j]! > 0) this.batches.jobFinished(jobs.batch[j]! - 1, JOB_STATES[jobs.state[j]!]!, this.now, this.emitDecided.bind(this));
  }

}
