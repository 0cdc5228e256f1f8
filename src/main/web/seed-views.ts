// How the seeds' REST endpoints show a job and a dead job: snake_case, as the
// seeds' own APIs answer, with payloads parsed back to JSON where they are JSON.
import type { DeadJob, JobRecord } from '../engine/store/types.ts';

/** Payloads that came through POST /jobs are JSON; a producer's may be any text. */
function payloadOf(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function jobView(j: JobRecord) {
  return {
    job_id: j.jobId,
    seq: j.seq,
    queue: j.queue,
    type: j.type,
    status: j.state,
    priority: j.priority,
    attempts: j.attempts,
    max_attempts: j.maxAttempts,
    total_attempts: j.attemptBase + j.attempts,
    payload: payloadOf(j.payload),
    idempotency_key: j.idempotencyKey,
    enqueued_at: j.enqueuedAt,
    due_at: j.dueAt,
    first_claimed_at: j.firstClaimedAt,
    finished_at: j.finishedAt,
    worker: j.leaseOwner,
    lease_expires_at: j.leaseExpiresAt,
    heartbeat_at: j.heartbeatAt,
    progress: j.progress,
    last_error: j.lastError,
    cancel_reason: j.cancelReason,
    parent_id: j.parentId,
    batch_id: j.batchId,
    completions: j.completions,
  };
}

export function deadView(d: DeadJob) {
  return {
    job_id: d.jobId,
    seq: d.seq,
    queue: d.queue,
    type: d.type,
    payload: payloadOf(d.payload),
    attempts: d.attempts,
    errors: d.errors,
    reason: d.reason,
    died_at: d.diedAt,
  };
}
