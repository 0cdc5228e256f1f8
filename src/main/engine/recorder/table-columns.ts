// The columns the recorder writes, per table, in the order it passes values.
import { JOB_STATES } from '../../../shared/job/states.ts';

export const COLUMNS = {
  events: ['run_id', 'seq', 't', 'job', 'kind', 'from_state', 'to_state', 'worker', 'detail', 'outcome', 'reason'],
  jobs: [
    'id', 'run_id', 'seq', 'queue', 'type', 'state', 'priority', 'attempts', 'max_attempts', 'payload', 'idempotency_key',
    'enqueued_at', 'due_at', 'first_claimed_at', 'finished_at', 'parent_id', 'batch_id', 'last_error', 'cancel_reason', 'completions',
    'draw_key',
  ],
  attempts: ['job_id', 'run_id', 'attempt', 'worker', 'started_at', 'ended_at', 'outcome', 'error', 'backoff_base', 'backoff_delay', 'backoff_formula'],
  dead_jobs: ['job_id', 'run_id', 'queue', 'type', 'payload', 'attempts', 'errors', 'reason', 'died_at'],
  batches: ['id', 'run_id', 'size'],
  workers: ['run_id', 'name', 'state', 'started_at', 'stopped_at', 'jobs_done', 'restarts'],
  // The state columns in JOB_STATES order: snapshot counts come indexed by it.
  metric_snapshots: ['run_id', 't', ...JOB_STATES],
} as const;

export type Table = keyof typeof COLUMNS;
export const TABLES = Object.keys(COLUMNS) as Table[];
