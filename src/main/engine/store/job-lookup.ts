// Reading one job back as the engine and the HTTP host (GET /jobs/:id) see it.
import type { JobState } from '../../../shared/job/states.ts';
import type { DB } from './open-database.ts';
import type { JobRecord } from './types.ts';

interface JobRow {
  id: number;
  seq: number;
  queue: string;
  type: string;
  state: JobState;
  priority: number;
  attempts: number;
  attempt_base: number;
  max_attempts: number;
  payload: string | null;
  idempotency_key: string | null;
  enqueued_at: number;
  due_at: number;
  first_claimed_at: number | null;
  finished_at: number | null;
  lease_owner: string | null;
  lease_expires_at: number | null;
  heartbeat_at: number | null;
  progress: number;
  parent_id: number | null;
  batch_id: number | null;
  last_error: string | null;
  cancel_reason: string | null;
  completions: number;
  draw_key: number | null;
}

export interface JobLookup {
  getJob(jobId: number): JobRecord | undefined;
  getJobBySeq(seq: number): JobRecord | undefined;
}

export function prepareJobLookup(db: DB, runId: string): JobLookup {
  const byId = db.prepare<[number, string], JobRow>('SELECT * FROM jobs WHERE id = ? AND run_id = ?');
  const bySeq = db.prepare<[string, number], JobRow>('SELECT * FROM jobs WHERE run_id = ? AND seq = ?');
  return {
    getJob(jobId) {
      const row = byId.get(jobId, runId);
      return row && toRecord(row);
    },
    getJobBySeq(seq) {
      const row = bySeq.get(runId, seq);
      return row && toRecord(row);
    },
  };
}

function toRecord(r: JobRow): JobRecord {
  return {
    jobId: r.id, seq: r.seq, queue: r.queue, type: r.type, state: r.state, priority: r.priority, attempts: r.attempts,
    attemptBase: r.attempt_base, maxAttempts: r.max_attempts, payload: r.payload, idempotencyKey: r.idempotency_key,
    enqueuedAt: r.enqueued_at, dueAt: r.due_at, firstClaimedAt: r.first_claimed_at, finishedAt: r.finished_at,
    leaseOwner: r.lease_owner, leaseExpiresAt: r.lease_expires_at, heartbeatAt: r.heartbeat_at, progress: r.progress,
    parentId: r.parent_id, batchId: r.batch_id, lastError: r.last_error, cancelReason: r.cancel_reason,
    completions: r.completions, drawKey: r.draw_key,
  };
}
