// Batches (Laravel's Bus::batch): consecutive jobs of a producer form a
// batch; when every one of them is final the batch runs its `then` (all
// succeeded) or `catch` (some did not) callback, which we record as an event.
import type { JobState } from '../../../shared/job/states.ts';
import { batchSettlement, type BatchCounts } from '../../../shared/lifecycle/chains-and-batches.ts';
import type { TransitionEvent } from '../../../shared/lifecycle/reasons.ts';
import type { RunRecorder } from '../recorder/run-recorder.ts';

type Batch = BatchCounts;

type Emit = (job: number | null, event: TransitionEvent, worker: string | null) => void;

export class Batches {
  private readonly batches: Batch[] = [];
  private readonly current = new Map<number, number>();

  constructor(private readonly recorder: RunRecorder) {}

  /** Batch number (1-based) for arrival i of producer p, creating the batch on its first member. */
  member(producer: number, i: number, size: number, producerCount: number): number {
    if (i % size === 0) {
      const batchSize = Math.min(size, producerCount - i);
      this.batches.push({ size: batchSize, succeeded: 0, dead: 0, cancelled: 0 });
      this.recorder.batch(this.batches.length - 1, batchSize);
      this.current.set(producer, this.batches.length);
    }
    return this.current.get(producer)!;
  }

  /**
   * A deduplicated arrival makes no job, so its batch is one smaller; if the
   * rest of the batch already finished, this was the batch's last arrival.
   */
  skip(producer: number, i: number, size: number, producerCount: number, t: number, emit: Emit): void {
    const index = this.member(producer, i, size, producerCount) - 1;
    this.batches[index]!.size--;
    this.settle(index, t, emit);
  }

  jobFinished(index: number, state: JobState, t: number, emit: Emit): void {
    const b = this.batches[index]!;
    if (state === 'succeeded') b.succeeded++;
    else if (state === 'dead') b.dead++;
    else b.cancelled++;
    this.settle(index, t, emit);
  }

  private settle(index: number, t: number, emit: Emit): void {
    const b = this.batches[index]!;
    if (b.succeeded + b.dead + b.cancelled !== b.size) return;
    const settled = batchSettlement(`batch ${index + 1}`, b);
    // An empty batch (every arrival was a re-send) made no job: nothing to report.
    this.recorder.batchOutcome(index, b.size, b.succeeded, b.dead, b.cancelled, settled?.outcome ?? null, t);
    if (settled) emit(null, settled.event, null);
  }

  get count(): number {
    return this.batches.length;
  }
}
