// Attempt bars and worker markers for the worker lanes. A bar opens at a
// claim and closes when that worker reports the attempt's end, when the
// worker crashes (the attempt dies with it) or when the lease is recovered
// (a hung worker's attempt is lost).
import type { AttemptOutcome } from '../job/states.ts';
import { ensureLength } from './growable.ts';
import { LANE_OUTCOME_CODE, LANE_OUTCOMES } from './lane-outcomes.ts';
import type { FaultSpan, LaneBar, LaneBarColumns, WorkerMarker, WorkerMarkerKind } from './types.ts';

export class LaneRecorder {
  readonly workerNames: string[] = [];
  private readonly workerIndex = new Map<string, number>();
  /** Open bar indices per worker (a worker with concurrency > 1 runs several). */
  private readonly open: number[][] = [];
  readonly markers: WorkerMarker[] = [];
  readonly faultSpans: FaultSpan[] = [];
  readonly columns: LaneBarColumns;
  /** Attempts not drawn because maxBars was reached. */
  dropped = 0;

  constructor(private readonly maxBars: number) {
    this.columns = {
      count: 0, workers: this.workerNames, worker: new Uint16Array(64), job: new Int32Array(64),
      attempt: new Uint16Array(64), start: new Float64Array(64), end: new Float64Array(64), outcome: new Uint8Array(64),
      maxDuration: 0,
    };
  }

  worker(name: string): number {
    let i = this.workerIndex.get(name);
    if (i === undefined) {
      i = this.workerNames.length;
      this.workerNames.push(name);
      this.workerIndex.set(name, i);
      this.open.push([]);
    }
    return i;
  }

  claim(workerName: string, job: number, attempt: number, t: number): void {
    const w = this.worker(workerName);
    const c = this.columns;
    if (c.count >= this.maxBars) {
      this.dropped++;
      return;
    }
    const i = c.count++;
    if (i >= c.start.length) {
      c.worker = ensureLength(c.worker, i + 1);
      c.job = ensureLength(c.job, i + 1);
      c.attempt = ensureLength(c.attempt, i + 1);
      c.start = ensureLength(c.start, i + 1);
      c.end = ensureLength(c.end, i + 1);
      c.outcome = ensureLength(c.outcome, i + 1);
    }
    c.worker[i] = w;
    c.job[i] = job;
    c.attempt[i] = Math.min(attempt, 0xffff);
    c.start[i] = t;
    c.end[i] = NaN;
    c.outcome[i] = LANE_OUTCOME_CODE.running;
    this.open[w]!.push(i);
  }

  /** The attempt of `job` on `workerName` ended; ignored if no such bar is open (already closed by a crash). */
  end(workerName: string, job: number, t: number, outcome: AttemptOutcome): void {
    const w = this.workerIndex.get(workerName);
    if (w === undefined) return;
    const list = this.open[w]!;
    for (let k = 0; k < list.length; k++) {
      if (this.columns.job[list[k]!] === job) {
        this.close(list[k]!, t, outcome);
        list.splice(k, 1);
        return;
      }
    }
  }

  /** A lease expired: whichever worker still holds the job has lost it. */
  recover(job: number, t: number): void {
    for (const list of this.open) {
      const k = list.findIndex((i) => this.columns.job[i] === job);
      if (k >= 0) {
        this.close(list[k]!, t, 'lost');
        list.splice(k, 1);
        return;
      }
    }
  }

  mark(workerName: string, t: number, kind: WorkerMarkerKind, detail: string | null): void {
    const w = this.worker(workerName);
    this.markers.push({ worker: workerName, t, kind, detail });
    if (kind === 'crashed') {
      for (const i of this.open[w]!) this.close(i, t, 'crashed');
      this.open[w]!.length = 0;
    }
  }

  faultStarted(label: string, t: number): void {
    this.faultSpans.push({ label, start: t, end: null });
  }

  faultEnded(label: string, t: number): void {
    const span = this.faultSpans.find((f) => f.end === null && f.label === label) ?? this.faultSpans.find((f) => f.end === null);
    if (span) span.end = t;
  }

  bar(i: number): LaneBar | null {
    const c = this.columns;
    if (i < 0 || i >= c.count) return null;
    const end = c.end[i]!;
    return {
      worker: this.workerNames[c.worker[i]!]!, job: c.job[i]!, attempt: c.attempt[i]!, start: c.start[i]!,
      end: Number.isNaN(end) ? null : end, outcome: LANE_OUTCOMES[c.outcome[i]!]!,
    };
  }

  /** Rebuild the open lists after loading bars from a snapshot. */
  reopen(): void {
    const c = this.columns;
    for (let i = 0; i < c.count; i++) if (Number.isNaN(c.end[i]!)) this.open[c.worker[i]!]!.push(i);
  }

  private close(i: number, t: number, outcome: AttemptOutcome): void {
    const c = this.columns;
    c.end[i] = t;
    c.outcome[i] = LANE_OUTCOME_CODE[outcome];
    const d = t - c.start[i]!;
    if (d > c.maxDuration) c.maxDuration = d;
  }
}
