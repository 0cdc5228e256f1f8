// Reading one job and a run's events back (see ../job-lookup.ts and
// ../event-reads.ts). Columns are aliased to the record's field names, so the
// rows are JobRecord and LabEvent as the SQLite store returns them.
import type { LabEvent } from '../../../../shared/events.ts';
import type { JobRecord } from '../types.ts';
import { statement, type PgDatabase } from './pg-database.ts';

const JOB = `id AS "jobId", seq, queue, type, state, priority, attempts, attempt_base AS "attemptBase", max_attempts AS "maxAttempts",
             payload, idempotency_key AS "idempotencyKey", enqueued_at AS "enqueuedAt", due_at AS "dueAt",
             first_claimed_at AS "firstClaimedAt", finished_at AS "finishedAt", lease_owner AS "leaseOwner",
             lease_expires_at AS "leaseExpiresAt", heartbeat_at AS "heartbeatAt", progress, parent_id AS "parentId",
             batch_id AS "batchId", last_error AS "lastError", cancel_reason AS "cancelReason", completions, draw_key AS "drawKey"`;
const BY_ID = statement('read_job', `SELECT ${JOB} FROM jobs WHERE id = $1 AND run_id = $2`);
const BY_SEQ = statement('read_job_seq', `SELECT ${JOB} FROM jobs WHERE run_id = $1 AND seq = $2`);
const EVENTS_AFTER = statement(
  'read_events_after',
  `SELECT seq, t, job, kind, from_state AS "from", to_state AS "to", worker, detail, outcome, reason
     FROM events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
);

export async function getJob(db: PgDatabase, runId: string, jobId: number): Promise<JobRecord | undefined> {
  return (await db.q<JobRecord>(BY_ID, [jobId, runId]))[0];
}

export async function getJobBySeq(db: PgDatabase, runId: string, seq: number): Promise<JobRecord | undefined> {
  return (await db.q<JobRecord>(BY_SEQ, [runId, seq]))[0];
}

export async function eventsAfter(db: PgDatabase, runId: string, afterSeq: number, limit: number): Promise<LabEvent[]> {
  return db.q<LabEvent>(EVENTS_AFTER, [runId, afterSeq, limit]);
}
