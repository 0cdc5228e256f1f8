// Hand-made event logs for timeline tests: each helper appends one event the
// way the engine records it (outcome in its column, the detail a sentence
// nobody parses), so tests read as the story of a few jobs.
import type { EventKind, LabEvent } from '../../../src/shared/events.ts';
import type { AttemptOutcome, JobState } from '../../../src/shared/job/states.ts';

export class EventLog {
  readonly events: LabEvent[] = [];

  private push(
    t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null = null, detail: string | null = null,
    outcome: AttemptOutcome | null = null,
  ): this {
    this.events.push({ seq: this.events.length + 1, t, job, kind, from, to, worker, detail, outcome });
    return this;
  }

  workerStarted(t: number, worker: string, detail: string | null = null): this { return this.push(t, null, 'worker_started', null, null, worker, detail); }
  workerCrashed(t: number, worker: string): this { return this.push(t, null, 'worker_crashed', null, null, worker, 'killed mid-job'); }
  workerHung(t: number, worker: string): this { return this.push(t, null, 'worker_hung', null, null, worker, 'stops heartbeating'); }
  enqueue(t: number, job: number, to: 'pending' | 'scheduled' = 'pending'): this { return this.push(t, job, 'enqueued', null, to); }
  due(t: number, job: number, from: 'scheduled' | 'retrying' = 'retrying'): this { return this.push(t, job, 'due', from, 'pending'); }
  claim(t: number, job: number, worker: string): this { return this.push(t, job, 'claimed', 'pending', 'processing', worker); }
  succeed(t: number, job: number, worker: string): this { return this.push(t, job, 'succeeded', 'processing', 'succeeded', worker, null, 'succeeded'); }
  fail(t: number, job: number, worker: string, outcome: 'failed' | 'timeout' = 'failed'): this {
    // The sentence names no outcome on purpose: the lanes must read the column.
    return this.push(t, job, 'failed', 'processing', 'retrying', worker, 'boom; retry in fixed 1 s', outcome);
  }
  dead(t: number, job: number, worker: string): this { return this.push(t, job, 'dead', 'processing', 'dead', worker, 'boom (attempt 2 of 2)', 'failed'); }
  recovered(t: number, job: number, to: 'pending' | 'dead' = 'pending'): this { return this.push(t, job, 'recovered', 'processing', to, null, 'lease expired', 'lost'); }
  retryFromDead(t: number, job: number): this { return this.push(t, job, 'retried_from_dead', 'dead', 'pending'); }
  cancel(t: number, job: number, from: JobState): this { return this.push(t, job, 'cancelled', from, 'cancelled'); }
  fault(t: number, started: boolean, label: string): this { return this.push(t, null, started ? 'fault_started' : 'fault_ended', null, null, null, label); }
}
