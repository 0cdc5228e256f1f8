// Adding jobs (see ../enqueue.ts). Producers may run on several machines, so
// a job's number (seq, 1, 2, ... per run) is taken under a per-run advisory
// lock held to COMMIT, then read with MAX in the next statement (a fresh
// snapshot under READ COMMITTED sees the previous holder's rows). The
// idempotency check runs under the same lock; the unique index backs it.
// enqueueMany writes plain jobs (no key, no parent) with one multi-row
// INSERT per run of them, as SQLite's inBulk does.
import type { JobState } from '../../../../shared/job/states.ts';
import { BulkEnqueue } from '../enqueue-bulk.ts';
import { check } from '../enqueue.ts';
import type { EnqueueInput, EnqueueResult } from '../types.ts';
import { batchExists } from './batches.ts';
import { cancelJob } from './dependencies.ts';
import { statement, StoreError, type Tx } from './pg-database.ts';

const LOCK = statement('enqueue_lock', 'SELECT pg_advisory_xact_lock(81, hashtext($1)) AS locked');
const BY_KEY = statement('enqueue_by_key', 'SELECT id, seq, state FROM jobs WHERE run_id = $1 AND idempotency_key = $2');
const BY_ID = statement('enqueue_by_id', 'SELECT id, seq, state FROM jobs WHERE id = $1 AND run_id = $2');
const COLUMNS = 'id, run_id, seq, queue, type, state, priority, max_attempts, payload, idempotency_key, enqueued_at, due_at, parent_id, batch_id, draw_key';
// jobs.id = runs.num * 2^32 + seq (../job-id.ts).
const INSERT_ONE = statement(
  'enqueue_insert',
  `INSERT INTO jobs (${COLUMNS})
   SELECT r.num::bigint * 4294967296 + s.seq, $1, s.seq, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
     FROM runs r, (SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM jobs WHERE run_id = $1) s
    WHERE r.id = $1 AND r.num IS NOT NULL
   RETURNING id, seq`,
);
const INSERT_MANY = statement(
  'enqueue_insert_many',
  `INSERT INTO jobs (${COLUMNS})
   SELECT r.num::bigint * 4294967296 + s.base + e.n, $1, s.base + e.n, e.queue, e.type, e.state, e.priority, e.max_attempts,
          e.payload, NULL, e.enqueued_at, e.due_at, NULL, e.batch_id, e.draw_key
     FROM runs r, (SELECT COALESCE(MAX(seq), 0) AS base FROM jobs WHERE run_id = $1) s,
          unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::float8[], $9::float8[], $10::bigint[], $11::bigint[])
            WITH ORDINALITY AS e(queue, type, state, priority, max_attempts, payload, enqueued_at, due_at, batch_id, draw_key, n)
    WHERE r.id = $1 AND r.num IS NOT NULL
   RETURNING id, seq`,
);

interface Existing {
  id: number;
  seq: number;
  state: JobState;
}

const noRun = (runId: string) => new StoreError(`run ${runId} does not exist or has no number; create it with createRun first`, 2);

/** Call first in an enqueue transaction: producers of one run take numbers one at a time. */
export async function lockJobNumbers(tx: Tx, runId: string): Promise<void> {
  await tx.q(LOCK, [runId]);
}

export async function enqueueIn(tx: Tx, runId: string, input: EnqueueInput): Promise<EnqueueResult> {
  check(input);
  const key = input.idempotencyKey ?? null;
  if (key !== null) {
    const first = (await tx.q<Existing>(BY_KEY, [runId, key]))[0];
    if (first) {
      tx.event({ t: input.now, job: first.seq, kind: 'deduplicated', detail: `idempotency key ${key}` });
      return { jobId: first.id, seq: first.seq, state: first.state, deduplicated: true };
    }
  }
  const parent = input.parentId == null ? null : ((await tx.q<Existing>(BY_ID, [input.parentId, runId]))[0] ?? null);
  if (input.parentId != null && !parent) throw new StoreError(`parentId: no job ${input.parentId} in run ${runId}`, 2);
  const batchId = input.batchId ?? null;
  if (batchId !== null && !(await batchExists(tx, runId, batchId))) throw new StoreError(`batchId: no batch ${batchId} in run ${runId}`, 2);

  const delay = input.delay ?? 0;
  const waitsForParent = parent !== null && parent.state !== 'succeeded';
  const state: JobState = delay > 0 || waitsForParent ? 'scheduled' : 'pending';
  const row = (await tx.q<{ id: number; seq: number }>(INSERT_ONE, [
    runId, input.queue, input.type, state, input.priority, input.maxAttempts, input.payload ?? null, key,
    input.now, input.now + delay, parent?.id ?? null, batchId, input.drawKey ?? null,
  ]))[0];
  if (!row) throw noRun(runId);
  const { id: jobId, seq } = row;
  tx.event({
    t: input.now, job: seq, kind: 'enqueued', to: state,
    detail: parent && waitsForParent ? `waits for job ${parent.seq}` : delay > 0 ? `delayed ${delay} s` : null,
  });
  // A parent that already died can never succeed: the child is born and cancelled at once, both recorded.
  if (parent && (parent.state === 'dead' || parent.state === 'cancelled')) {
    const ended = parent.state === 'dead' ? 'died' : 'was cancelled';
    await cancelJob(tx, { id: jobId, seq, batchId }, state, `parent job ${parent.seq} ${ended}`, input.now);
    return { jobId, seq, state: 'cancelled', deduplicated: false };
  }
  return { jobId, seq, state, deduplicated: false };
}

/** Many jobs in the caller's transaction, in order; plain ones in multi-row INSERTs. */
export async function enqueueManyIn(tx: Tx, runId: string, inputs: readonly EnqueueInput[]): Promise<EnqueueResult[]> {
  const results: EnqueueResult[] = [];
  let plain: EnqueueInput[] = [];
  const knownBatches = new Set<number>();
  const flush = async () => {
    if (plain.length === 0) return;
    results.push(...(await insertPlain(tx, runId, plain)));
    plain = [];
  };
  for (const input of inputs) {
    check(input);
    if (!BulkEnqueue.fits(input)) {
      await flush(); // its lookups and MAX read must see the rows before it
      results.push(await enqueueIn(tx, runId, input));
      continue;
    }
    const batchId = input.batchId ?? null;
    if (batchId !== null && !knownBatches.has(batchId)) {
      if (!(await batchExists(tx, runId, batchId))) throw new StoreError(`batchId: no batch ${batchId} in run ${runId}`, 2);
      knownBatches.add(batchId);
    }
    plain.push(input);
  }
  await flush();
  return results;
}

async function insertPlain(tx: Tx, runId: string, inputs: readonly EnqueueInput[]): Promise<EnqueueResult[]> {
  const states: JobState[] = inputs.map((i) => ((i.delay ?? 0) > 0 ? 'scheduled' : 'pending'));
  const col = <T>(f: (i: EnqueueInput) => T) => inputs.map(f);
  const rows = await tx.q<{ id: number; seq: number }>(INSERT_MANY, [
    runId, col((i) => i.queue), col((i) => i.type), states, col((i) => i.priority), col((i) => i.maxAttempts),
    col((i) => i.payload ?? null), col((i) => i.now), col((i) => i.now + (i.delay ?? 0)), col((i) => i.batchId ?? null),
    col((i) => i.drawKey ?? null),
  ]);
  if (rows.length !== inputs.length) throw noRun(runId);
  rows.sort((a, b) => a.seq - b.seq);
  return inputs.map((input, k) => {
    const delay = input.delay ?? 0;
    tx.event({ t: input.now, job: rows[k]!.seq, kind: 'enqueued', to: states[k]!, detail: delay > 0 ? `delayed ${delay} s` : null });
    return { jobId: rows[k]!.id, seq: rows[k]!.seq, state: states[k]!, deduplicated: false };
  });
}
