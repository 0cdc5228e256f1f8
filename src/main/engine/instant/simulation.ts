// Instant mode: a discrete-event simulation of producers, queues and workers
// on a virtual clock. Time jumps from event to event; the same scenario and
// seed make the same events in the same order (see sim-events.ts).
import { hashUniform, STREAM } from '../../../shared/random/hash-uniform.ts';
import { afterLeaseExpiry } from '../../../shared/lifecycle/after-attempt.ts';
import type { AttemptRecord } from '../recorder/run-recorder.ts';
import { nextArrival } from './arrivals.ts';
import { Ev, isProgress, type SimEvent } from './sim-events.ts';
import { type SimResult } from './sim-result.ts';

import { S } from './sim-core.ts';
import { CallFlow } from './call-flow.ts';

export type { SimulationOptions } from './sim-core.ts';

/** Runs the loop, and plays the faults that hit workers: crash, hang, restart, lease expiry. */
export class Simulation extends CallFlow {
  run(): SimResult {
    const started = performance.now();
    this.start();
    const stopAt = this.scenario.stopAt ?? Infinity;
    let steps = 0;
    for (;;) {
      if (this.active === 0 && this.arrivalsLeft === 0 && !this.pool.anyBusy()) break;
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
      this.overload?.advance(ev.t);
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
    if (this.overload) this.recorder.overloadSamples(this.overload.rows(this.now));
    const downstream = this.downstreamCounts();
    const log = this.recorder.finish();
    this.options.onProgress?.(this.finalized, this.jobs.size, this.now);
    return {
      jobs: this.jobs, now: this.now, stoppedEarly: this.stoppedEarly, leaseEnabled: this.leaseEnabled, deduplicated: this.deduplicated,
      leaseLost: this.leaseLost, systemArea: this.systemArea, outcomes: this.outcomes, downstream,
      events: log.events, sha256: log.sha256, cpuMs: performance.now() - started,
    };
  }


  protected start(): void {
    this.services.start();
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

  protected scheduleRandomCrash(worker: number, rate: number): void {
    const k = this.pool.workers[worker]!.randomCrashes++;
    const u = hashUniform(this.seed, STREAM.crash, worker, k);
    this.schedule(this.now - Math.log(1 - u) / rate, Ev.WorkerCrash, worker, rate);
  }

  protected handle(ev: SimEvent): void {
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
      case Ev.CallServed:
      case Ev.CallRefused:
      case Ev.CallTimeout:
      case Ev.LayerRetry:
      case Ev.Capacity:
        return this.serviceEvent(ev.kind, ev.a);
      case Ev.FaultMark: {
        const f = this.scenario.faults[ev.a]!;
        this.emit(this.now, null, ev.b ? 'fault_started' : 'fault_ended', null, null, null, 'jobType' in f ? `${f.kind} ${f.jobType}` : f.kind);
        return;
      }
    }
  }


  protected crash(w: number, rate: number): void {
    if (rate > 0) this.scheduleRandomCrash(w, rate);
    if (!this.pool.isUp(w)) return;
    const lost = this.pool.stop(w, 'crashed', this.now);
    const worker = this.pool.workers[w]!;
    this.emit(this.now, null, 'worker_crashed', null, null, worker.name, lost.length ? `killed mid-job: job ${lost.map((s) => s.job).join(', ')}` : 'killed while idle');
    this.abandon(lost, 'crashed');
    this.restartLater(w);
  }

  protected hang(w: number, duration: number): void {
    if (!this.pool.isUp(w)) return;
    const stuck = this.pool.stop(w, 'hung', this.now);
    this.emit(this.now, null, 'worker_hung', null, null, this.pool.workers[w]!.name, duration > 0 ? `stops heartbeating for ${duration} s` : 'stops heartbeating');
    this.abandon(stuck, 'lost');
    if (duration > 0) this.schedule(this.now + duration, Ev.WorkerRestart, w);
  }

  /** In-flight jobs of a dead or hung worker stay `processing` until their lease expires. */
  protected abandon(slots: readonly { job: number; attempt: AttemptRecord; heartbeatAt: number }[], outcome: 'crashed' | 'lost'): void {
    for (const s of slots) {
      this.outcomes.byOutcome[outcome]++;
      this.outcomes.processingSeconds += this.now - s.attempt.startedAt;
      this.outcomes.ended++;
      s.attempt.endedAt = this.now;
      s.attempt.outcome = outcome;
      s.attempt.error = outcome === 'crashed' ? 'worker crashed mid-job' : 'worker stopped heartbeating';
      this.abandoned.set(s.job, s.attempt);
      if (this.leaseEnabled) this.schedule(Math.max(this.now, s.heartbeatAt + this.scenario.visibilityTimeout), Ev.LeaseExpired, s.job, s.attempt.attempt);
    }
  }

  /** Applies the lifecycle's decision for an expired lease: back to pending, or dead on the last attempt. */
  protected leaseExpired(j: number, attemptNumber: number): void {
    if (this.jobs.state[j] !== S.processing || this.jobs.attempts[j] !== attemptNumber) return;
    const attempt = this.abandoned.get(j);
    this.abandoned.delete(j);
    const outcome = attempt?.outcome === 'crashed' ? 'crashed' : 'lost';
    const policy = this.typeRetry[this.jobs.type[j]!]!;
    const decision = afterLeaseExpiry(
      { outcome, leaseSeconds: this.scenario.visibilityTimeout, attempt: attemptNumber, maxAttempts: policy.maxAttempts },
      this.now,
    );
    if (attempt) attempt.error = decision.error;
    this.jobs.addError(j, decision.error);
    if (decision.to === 'dead') return this.die(j, decision.event, null, decision.deadLetter.reason);
    this.move(j, S.pending);
    this.jobs.dueAt[j] = decision.dueAt;
    this.emitDecided(j, decision.event, null);
    this.makeReady(j);
  }

  protected restartLater(w: number): void {
    if (this.scenario.workers.restart === 'always') this.schedule(this.now + this.scenario.workers.restartDelay, Ev.WorkerRestart, w);
  }

  protected restart(w: number): void {
    if (this.pool.isUp(w)) return;
    this.pool.start(w);
    this.emit(this.now, null, 'worker_started', null, null, this.pool.workers[w]!.name, `restart ${this.pool.workers[w]!.restarts}`);
    for (const slot of this.pool.slotsOf(w)) this.seekWork(slot);
  }

}
