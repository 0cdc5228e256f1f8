// Adding a job. The job number (seq) and the idempotency check are read
// inside the same BEGIN IMMEDIATE transaction as the insert, so producers in
// different processes can neither share a number nor both insert one key.
import type { JobState } from '../../../shared/job/states.ts';
import type { Batches } from './batches.ts';
import type { Dependencies } from './dependencies.ts';
import { BulkEnqueue } from './enqueue-bulk.ts';
import type { AppendEvent } from './events.ts';
import { jobId as jobIdOf } from './job-id.ts';
import { StoreError, type DB } from './open-database.ts';
import type { EnqueueInput, EnqueueResult } from './types.ts';

export interface Enqueue {
  enqueue(input: EnqueueInput): EnqueueResult;
  /**
   * Runs `fn` in one write transaction, and every enqueue it makes joins it:
   * a producer's due arrivals in bulk. One BEGIN IMMEDIATE per job made a
   * 50k-job live run wait on the workers for the write lock 50k times.
   */
  inBulk<T>(fn: () => T): T;
}

interface Existing {
  id: number;
  seq: number;
  state: JobState;
}

export function prepareEnqueue(db: DB, runId: string, appendEvent: AppendEvent, batches: Batches, deps: Dependencies): Enqueue {
  const nextSeq = db.prepare<[string], number>('SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs WHERE run_id = ?').pluck();
  const byKey = db.prepare<[string, string], Existing>('SELECT id, seq, state FROM jobs WHERE run_id = ? AND idempotency_key = ?');
  const byId = db.prepare<[number, string], Existing>('SELECT id, seq, state FROM jobs WHERE id = ? AND run_id = ?');
  const runNum = db.prepare<[string], number | null>('SELECT num FROM runs WHERE id = ?').pluck();
  const insert = db.prepare(
    `INSERT INTO jobs (id, run_id, seq, queue, type, state, priority, max_attempts, payload, idempotency_key,
                       enqueued_at, due_at, parent_id, batch_id, draw_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Read once the run exists (the store may be built before createRun); it never changes.
  let num: number | null = null;
  function numberOfRun(): number {
    num ??= runNum.get(runId) ?? null;
    if (num === null) throw new StoreError(`run ${runId} does not exist or has no number; create it with createRun first`, 2);
    return num;
  }

  const one = (input: EnqueueInput): EnqueueResult => {
    const key = input.idempotencyKey ?? null;
    if (key !== null) {
      const first = byKey.get(runId, key);
      if (first) {
        appendEvent({ t: input.now, job: first.seq, kind: 'deduplicated', detail: `idempotency key ${key}` });
        return { jobId: first.id, seq: first.seq, state: first.state, deduplicated: true };
      }
    }
    const parent = input.parentId == null ? null : (byId.get(input.parentId, runId) ?? null);
    if (input.parentId != null && !parent) throw new StoreError(`parentId: no job ${input.parentId} in run ${runId}`, 2);
    const batchId = input.batchId ?? null;
    if (batchId !== null && !batches.exists(batchId)) throw new StoreError(`batchId: no batch ${batchId} in run ${runId}`, 2);

    const delay = input.delay ?? 0;
    const waitsForParent = parent !== null && parent.state !== 'succeeded';
    const state: JobState = delay > 0 || waitsForParent ? 'scheduled' : 'pending';
    const seq = nextSeq.get(runId)!;
    const jobId = jobIdOf(numberOfRun(), seq);
    insert.run(
      jobId, runId, seq, input.queue, input.type, state, input.priority, input.maxAttempts, input.payload ?? null, key,
      input.now, input.now + delay, parent?.id ?? null, batchId, input.drawKey ?? null,
    );
    appendEvent({
      t: input.now, job: seq, kind: 'enqueued', to: state,
      detail: parent && waitsForParent ? `waits for job ${parent.seq}` : delay > 0 ? `delayed ${delay} s` : null,
    });
    // A parent that already died can never succeed: the child is born
    // scheduled (the only way in) and cancelled at once, both recorded.
    if (parent && (parent.state === 'dead' || parent.state === 'cancelled')) {
      const ended = parent.state === 'dead' ? 'died' : 'was cancelled';
      deps.cancel({ id: jobId, seq, batchId }, state, `parent job ${parent.seq} ${ended}`, input.now);
      return { jobId, seq, state: 'cancelled', deduplicated: false };
    }
    return { jobId, seq, state, deduplicated: false };
  };
  const single = db.transaction(one);
  // Inside inBulk a failed enqueue throws out of fn and rolls the whole bulk back.
  let bulk: BulkEnqueue | null = null;
  const buffer = new BulkEnqueue(db, runId);
  const many = db.transaction(<T>(fn: () => T): T => {
    bulk = buffer;
    try {
      const result = fn();
      buffer.flush();
      return result;
    } finally {
      bulk = null;
    }
  });
  const inBulk = (input: EnqueueInput): EnqueueResult => {
    const batchId = input.batchId ?? null;
    if (!BulkEnqueue.fits(input)) {
      buffer.flush(); // its lookups and MAX reads must see the buffered rows
      return one(input);
    }
    if (batchId !== null && !batches.exists(batchId)) throw new StoreError(`batchId: no batch ${batchId} in run ${runId}`, 2);
    return buffer.add(input, (seq) => jobIdOf(numberOfRun(), seq));
  };

  return {
    enqueue(input) {
      check(input);
      return bulk ? inBulk(input) : single.immediate(input);
    },
    inBulk: (fn) => many.immediate(fn) as ReturnType<typeof fn>,
  };
}

export function check(input: EnqueueInput): void {
  const problems: string[] = [];
  if (typeof input.queue !== 'string' || input.queue === '') problems.push('queue: must be a non-empty string');
  if (typeof input.type !== 'string' || input.type === '') problems.push('type: must be a non-empty string');
  if (!Number.isInteger(input.priority)) problems.push(`priority: must be an integer (got ${input.priority})`);
  if (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1) problems.push(`maxAttempts: must be an integer >= 1 (got ${input.maxAttempts})`);
  if (!Number.isFinite(input.now)) problems.push(`now: must be a finite number (got ${input.now})`);
  if (input.delay !== undefined && !(Number.isFinite(input.delay) && input.delay >= 0)) problems.push(`delay: must be a number >= 0 (got ${input.delay})`);
  if (input.payload != null && typeof input.payload !== 'string') problems.push('payload: must be a string (serialize it first)');
  if (input.drawKey != null && !(Number.isSafeInteger(input.drawKey) && input.drawKey >= 1)) problems.push(`drawKey: must be an integer >= 1 (got ${input.drawKey})`);
  if (problems.length > 0) throw new StoreError(`cannot enqueue: ${problems.join('; ')}`, 2);
}
