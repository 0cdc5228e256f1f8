// Every job of an instant run, as columns in typed arrays indexed by job
// number (jobs.seq, from 1). A million jobs as objects would cost several
// hundred MB; as columns they cost about 60 bytes each.
import type { AttemptRecord } from '../recorder/run-recorder.ts';

export class JobTable {
  size = 0;
  readonly queue: Uint16Array;
  readonly type: Uint16Array;
  readonly state: Uint8Array;
  readonly priority: Int32Array;
  readonly attempts: Uint16Array;
  readonly completions: Uint8Array;
  readonly enqueuedAt: Float64Array;
  readonly dueAt: Float64Array;
  readonly firstClaimAt: Float64Array;
  readonly finishedAt: Float64Array;
  readonly lastDelay: Float64Array;
  /** Chains: the job that waits for this one (0 = none) and the one this waits for. */
  readonly child: Int32Array;
  readonly parent: Int32Array;
  /** The job's draw key (src/shared/sim/draw-key.ts): its seeded fates do not depend on timing. */
  readonly drawKey: Float64Array;
  /** Batch index + 1 (0 = none). */
  readonly batch: Int32Array;
  /** Set once the job's row has been handed to the recorder. */
  readonly written: Uint8Array;
  /** Attempts of jobs not yet written, and every error of jobs that failed. */
  readonly openAttempts = new Map<number, AttemptRecord[]>();
  readonly errors = new Map<number, string[]>();
  readonly idempotencyKey = new Map<number, string>();
  readonly cancelReason = new Map<number, string>();

  constructor(readonly capacity: number) {
    const n = capacity + 1;
    this.queue = new Uint16Array(n);
    this.type = new Uint16Array(n);
    this.state = new Uint8Array(n);
    this.priority = new Int32Array(n);
    this.attempts = new Uint16Array(n);
    this.completions = new Uint8Array(n);
    this.enqueuedAt = new Float64Array(n);
    this.dueAt = new Float64Array(n);
    this.firstClaimAt = new Float64Array(n).fill(NaN);
    this.finishedAt = new Float64Array(n).fill(NaN);
    this.lastDelay = new Float64Array(n).fill(NaN);
    this.child = new Int32Array(n);
    this.parent = new Int32Array(n);
    this.batch = new Int32Array(n);
    this.drawKey = new Float64Array(n);
    this.written = new Uint8Array(n);
  }

  add(queue: number, type: number, priority: number, t: number): number {
    const j = ++this.size;
    if (j > this.capacity) throw new Error(`job table full (${this.capacity} jobs)`);
    this.queue[j] = queue;
    this.type[j] = type;
    this.priority[j] = priority;
    this.enqueuedAt[j] = t;
    this.dueAt[j] = t;
    return j;
  }

  /** Ready-queue order: best priority (lowest number), then due time, then job number. */
  readonly before = (a: number, b: number): boolean => {
    const pa = this.priority[a]!;
    const pb = this.priority[b]!;
    if (pa !== pb) return pa < pb;
    const da = this.dueAt[a]!;
    const db = this.dueAt[b]!;
    if (da !== db) return da < db;
    return a < b;
  };

  addError(job: number, error: string): void {
    const list = this.errors.get(job);
    if (list) list.push(error);
    else this.errors.set(job, [error]);
  }

  lastError(job: number): string | null {
    const list = this.errors.get(job);
    return list ? list[list.length - 1]! : null;
  }
}
