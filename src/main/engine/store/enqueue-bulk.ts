// The bulk path of enqueue: inside one write transaction (Enqueue.inBulk)
// plain jobs, those without an idempotency key or a parent, are buffered and
// written with multi-row INSERTs, their job and event numbers counted on from
// one MAX read. That is sound because the transaction holds the write lock
// from its first statement to COMMIT: no other process can take a number in
// between. Anything else that writes events or jobs in the same transaction
// must call flush() first, so that its own MAX reads see these rows.
import type { JobState } from '../../../shared/job/states.ts';
import { BulkInsert } from '../recorder/bulk-insert.ts';
import type { DB } from './open-database.ts';
import type { EnqueueInput, EnqueueResult } from './types.ts';

const JOB_COLUMNS = ['id', 'run_id', 'seq', 'queue', 'type', 'state', 'priority', 'max_attempts', 'payload', 'enqueued_at', 'due_at', 'batch_id', 'draw_key'];
const EVENT_COLUMNS = ['run_id', 'seq', 't', 'job', 'kind', 'to_state', 'detail'];

export class BulkEnqueue {
  private readonly jobs: BulkInsert;
  private readonly events: BulkInsert;
  private readonly maxJobSeq;
  private readonly maxEventSeq;
  /** The next numbers to give, or null when they must be read again (nothing buffered). */
  private next: { job: number; event: number } | null = null;

  constructor(
    db: DB,
    private readonly runId: string,
  ) {
    this.jobs = new BulkInsert(db, 'jobs', JOB_COLUMNS);
    this.events = new BulkInsert(db, 'events', EVENT_COLUMNS);
    this.maxJobSeq = db.prepare<[string], number>('SELECT COALESCE(MAX(seq), 0) FROM jobs WHERE run_id = ?').pluck();
    this.maxEventSeq = db.prepare<[string], number>('SELECT COALESCE(MAX(seq), 0) FROM events WHERE run_id = ?').pluck();
  }

  /** Whether `input` can take the bulk path: nothing to look up first. */
  static fits(input: EnqueueInput): boolean {
    return (input.idempotencyKey ?? null) === null && (input.parentId ?? null) === null;
  }

  /** Buffers one plain job and its `enqueued` event; the batch, if any, was checked by the caller. */
  add(input: EnqueueInput, jobIdOf: (seq: number) => number): EnqueueResult {
    this.next ??= { job: this.maxJobSeq.get(this.runId)! + 1, event: this.maxEventSeq.get(this.runId)! + 1 };
    const seq = this.next.job++;
    const id = jobIdOf(seq);
    const delay = input.delay ?? 0;
    const state: JobState = delay > 0 ? 'scheduled' : 'pending';
    this.jobs.values.push(
      id, this.runId, seq, input.queue, input.type, state, input.priority, input.maxAttempts, input.payload ?? null,
      input.now, input.now + delay, input.batchId ?? null, input.drawKey ?? null,
    );
    this.jobs.rowDone();
    this.events.values.push(this.runId, this.next.event++, input.now, seq, 'enqueued', state, delay > 0 ? `delayed ${delay} s` : null);
    this.events.rowDone();
    return { jobId: id, seq, state, deduplicated: false };
  }

  /** Writes what is buffered; the next add reads the numbers again. */
  flush(): void {
    this.jobs.flush();
    this.events.flush();
    this.next = null;
  }
}
