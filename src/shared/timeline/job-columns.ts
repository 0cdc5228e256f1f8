// What the timeline must remember per job to turn a later event into a
// measure: when it was enqueued (latency), when its last attempt failed (the
// waited retry delay), how many attempts it took, and its state (which jobs
// a snapshot must carry to keep counting after a reload).
import { ensureLength } from './growable.ts';

export const NO_STATE = 255;

export class JobColumns {
  state = new Uint8Array(1024).fill(NO_STATE);
  attempts = new Uint16Array(1024);
  enqueuedAt = new Float64Array(1024).fill(NaN);
  failedAt = new Float64Array(1024).fill(NaN);

  /** Make room for job seq `job` (seqs start at 1; the arrays index by seq). */
  fit(job: number): void {
    if (job < this.state.length) return;
    this.state = ensureLength(this.state, job + 1, NO_STATE);
    this.attempts = ensureLength(this.attempts, job + 1);
    this.enqueuedAt = ensureLength(this.enqueuedAt, job + 1, NaN);
    this.failedAt = ensureLength(this.failedAt, job + 1, NaN);
  }
}
