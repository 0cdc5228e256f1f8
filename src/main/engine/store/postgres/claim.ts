// The claim on PostgreSQL: one statement per queue picks the best due jobs
// and takes them, the way graphile-worker, River, Oban, Solid Queue and
// pg-boss do:
//
//   UPDATE jobs SET state = 'processing', ... WHERE id IN (
//     SELECT id FROM jobs WHERE <due, this queue> ORDER BY priority, due_at, id
//     LIMIT n FOR UPDATE SKIP LOCKED) RETURNING ...
//
// SKIP LOCKED: a row another worker is taking right now is passed over, so
// workers on many machines claim side by side. The teaching switch
// `forUpdate` drops SKIP LOCKED: every worker waits on the first row the
// others hold, then finds it taken; they queue behind one another, and the
// claim can come back short or empty although due jobs remain (the lesson).
//
// Order as in the SQLite store (../claim.ts): the worker's queue list first,
// then priority, due_at, id. The attempts rows are opened in the same
// statement; the events are written at COMMIT (pg-database.ts).
import type { JobState } from '../../../../shared/job/states.ts';
import { FINAL_STATES } from '../../../../shared/job/states.ts';
import type { UnsafeRead } from '../claim.ts';
import type { ClaimedJob, ClaimOptions } from '../types.ts';
import { batchMoved } from './batches.ts';
import { statement, type Statement, type Tx } from './pg-database.ts';
import { LockedBuckets } from './rate-limits.ts';

import type { ClaimStrategy } from './claim-strategy.ts';

export { CLAIM_STRATEGIES, type ClaimStrategy } from './claim-strategy.ts';

const COLUMNS = `j.id, j.seq, j.queue, j.type, j.payload, j.priority, j.attempt_base + j.attempts AS attempt, j.max_attempts,
                 j.enqueued_at, j.due_at, j.lease_expires_at, j.parent_id, j.batch_id, j.draw_key`;
const TAKE = `UPDATE jobs j SET state = 'processing', lease_owner = $5, lease_expires_at = $6, heartbeat_at = $2,
                   attempts = j.attempts + 1, first_claimed_at = COALESCE(j.first_claimed_at, $2)`;

function claimStatement(strategy: ClaimStrategy): Statement {
  const lock = strategy === 'skipLocked' ? 'FOR UPDATE SKIP LOCKED' : 'FOR UPDATE';
  return statement(
    `claim_${strategy}`,
    `WITH picked AS (
       SELECT id FROM jobs WHERE run_id = $1 AND state = 'pending' AND due_at <= $2 AND queue = $3
        ORDER BY priority, due_at, id LIMIT $4 ${lock}),
     taken AS (${TAKE} FROM picked WHERE j.id = picked.id RETURNING ${COLUMNS}),
     opened AS (INSERT INTO attempts (job_id, run_id, attempt, worker, started_at) SELECT id, $1, attempt, $5, $2 FROM taken)
     SELECT * FROM taken ORDER BY priority, due_at, id`,
  );
}
const CLAIM: Record<ClaimStrategy, Statement> = { skipLocked: claimStatement('skipLocked'), forUpdate: claimStatement('forUpdate') };

const PEEK = statement(
  'claim_unsafe_peek',
  `SELECT id FROM jobs WHERE run_id = $1 AND state = 'pending' AND due_at <= $2 AND queue = $3
    ORDER BY priority, due_at, id LIMIT 1`,
);
const STATE_OF = statement('claim_unsafe_state', 'SELECT state, batch_id FROM jobs WHERE id = $1');
const TAKE_BLINDLY = statement(
  'claim_unsafe_take',
  `UPDATE jobs j SET state = 'processing', lease_owner = $3, lease_expires_at = $4, heartbeat_at = $2,
                     attempts = j.attempts + 1, first_claimed_at = COALESCE(j.first_claimed_at, $2)
    WHERE j.id = $1 RETURNING ${COLUMNS}`,
);
const OPEN_ATTEMPT = statement('claim_open_attempt', 'INSERT INTO attempts (job_id, run_id, attempt, worker, started_at) VALUES ($1, $2, $3, $4, $5)');

export interface ClaimedRow {
  id: number;
  seq: number;
  queue: string;
  type: string;
  payload: string | null;
  priority: number;
  attempt: number;
  max_attempts: number;
  enqueued_at: number;
  due_at: number;
  lease_expires_at: number | null;
  parent_id: number | null;
  batch_id: number | null;
  draw_key: number | null;
}

/** Up to n jobs, chosen as n claims one after another would choose them. */
export async function claimIn(tx: Tx, runId: string, strategy: ClaimStrategy, n: number, o: ClaimOptions): Promise<ClaimedJob[]> {
  const lease = o.leaseSeconds === null ? null : o.now + o.leaseSeconds;
  const buckets = await LockedBuckets.lock(tx, runId, o.queues);
  const jobs: ClaimedJob[] = [];
  for (const queue of o.queues) {
    // A queue out of tokens is skipped, not waited for: a later queue may have work.
    const want = Math.min(n - jobs.length, buckets.allowance(queue, o.now));
    if (want <= 0) continue;
    const rows = await tx.q<ClaimedRow>(CLAIM[strategy], [runId, o.now, queue, want, o.worker, lease]);
    await buckets.spend(tx, queue, rows.length, o.now);
    for (const row of rows) {
      tx.event({ t: o.now, job: row.seq, kind: 'claimed', from: 'pending', to: 'processing', worker: o.worker });
      jobs.push(toClaimed(row));
    }
    if (jobs.length >= n) break;
  }
  return jobs;
}

/** unsafeClaim's read half: a plain read, outside any transaction; the race window opens here. */
export async function unsafeReadIn(tx: Tx, runId: string, o: ClaimOptions): Promise<UnsafeRead | null> {
  const buckets = await LockedBuckets.lock(tx, runId, o.queues);
  for (const queue of o.queues) {
    if (buckets.allowance(queue, o.now) < 1) continue;
    const row = (await tx.q<{ id: number }>(PEEK, [runId, o.now, queue]))[0];
    if (row) return { jobId: row.id, queue };
  }
  return null;
}

/** unsafeClaim's write half: takes the job read earlier, whatever happened since. */
export async function unsafeWriteIn(tx: Tx, runId: string, read: UnsafeRead, o: ClaimOptions): Promise<ClaimedJob | null> {
  const before = (await tx.q<{ state: JobState; batch_id: number | null }>(STATE_OF, [read.jobId]))[0];
  if (!before) return null;
  const buckets = await LockedBuckets.lock(tx, runId, [read.queue]);
  if (buckets.allowance(read.queue, o.now) < 1) return null;
  await buckets.spend(tx, read.queue, 1, o.now);
  const lease = o.leaseSeconds === null ? null : o.now + o.leaseSeconds;
  const row = (await tx.q<ClaimedRow>(TAKE_BLINDLY, [read.jobId, o.now, o.worker, lease]))[0]!;
  await tx.q(OPEN_ATTEMPT, [row.id, runId, row.attempt, o.worker, o.now]);
  // `before` is read only to tell the story in the event; the UPDATE above did not look at it.
  const doubled = before.state !== 'pending';
  tx.event({
    t: o.now, job: row.seq, kind: 'claimed', from: before.state, to: 'processing', worker: o.worker,
    detail: doubled ? 'double claim: read-then-update race' : null, reason: doubled ? 'double_claim' : null,
  });
  if (FINAL_STATES.has(before.state)) await batchMoved(tx, before.batch_id, before.state, 'processing', o.now);
  return toClaimed(row);
}

export function toClaimed(r: ClaimedRow): ClaimedJob {
  return {
    jobId: r.id, seq: r.seq, queue: r.queue, type: r.type, payload: r.payload, priority: r.priority, attempt: r.attempt,
    maxAttempts: r.max_attempts, enqueuedAt: r.enqueued_at, dueAt: r.due_at, leaseExpiresAt: r.lease_expires_at,
    parentId: r.parent_id, batchId: r.batch_id, drawKey: r.draw_key,
  };
}
