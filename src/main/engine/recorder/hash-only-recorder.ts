// `--store none`: the events are hashed and counted, nothing is written.
// Sweeps use it; the summary stays complete because the simulator computes
// it from its own tables, not from the database.
import type { EventKind } from '../../../shared/events.ts';
import type { AttemptOutcome, JobState } from '../../../shared/job/states.ts';
import type { Reason } from '../../../shared/lifecycle/reasons.ts';
import { EventLogHash } from './event-log-hash.ts';
import type { OverloadSample } from '../../../shared/tables/index.ts';
import type { AttemptRecord, DeadRecord, RecordedJob, RunRecorder, SnapshotRecord, WorkerRecord } from './run-recorder.ts';

export class HashOnlyRecorder implements RunRecorder {
  /** False: the simulator need not build job and attempt records for us. */
  readonly storesRows: boolean = false;
  protected readonly hash = new EventLogHash();
  protected seq = 0;

  event(
    t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null, detail: string | null,
    _outcome: AttemptOutcome | null, _reason: Reason | null,
  ): void {
    this.seq++;
    this.hash.add(t, job, kind, from, to, worker, detail);
  }

  job(_job: RecordedJob, _attempts: readonly AttemptRecord[], _dead: DeadRecord | null): void {}
  lateAttempt(_seq: number, _attempt: AttemptRecord, _extraCompletion: boolean): void {}
  batch(_index: number, _size: number): void {}
  batchOutcome(_index: number, _size: number, _succeeded: number, _dead: number, _cancelled: number, _outcome: 'then' | 'catch' | null, _t: number): void {}
  workers(_rows: readonly WorkerRecord[]): void {}
  snapshots(_rows: readonly SnapshotRecord[]): void {}
  overloadSamples(_rows: readonly OverloadSample[]): void {}

  finish(): { events: number; sha256: string } {
    return { events: this.seq, sha256: this.hash.digest() };
  }

  abort(): void {}
}
