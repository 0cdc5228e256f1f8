// The dead_jobs table (the dead-letter table): one row per job that ran out
// of attempts, until it is retried or forgotten by hand.
import { z } from 'zod';
import { column, defineTable, type RowOf } from './define-table.ts';

export const deadJobsTable = defineTable('dead_jobs', {
  jobId: column('job_id', z.number().int()),
  runId: column('run_id', z.string()),
  queue: column('queue', z.string()),
  type: column('type', z.string()),
  payload: column('payload', z.string().nullable()),
  /** Every attempt the job made, earlier rounds included. */
  attempts: column('attempts', z.number().int()),
  /** JSON array of every attempt's error, first attempt first. */
  errors: column('errors', z.string()),
  reason: column('reason', z.string()),
  diedAt: column('died_at', z.number()),
});
export type DeadJobRow = RowOf<typeof deadJobsTable>;
