// The attempts table: one row per try, opened by a claim and closed by its
// outcome; a job's history, never deleted.
import { z } from 'zod';
import { ATTEMPT_OUTCOMES } from '../job/states.ts';
import { column, defineTable, fieldsOf, type RowOf } from './define-table.ts';

export const attemptsTable = defineTable('attempts', {
  /** Numbered by the database; nothing refers to it. */
  id: column('id', z.number().int()),
  jobId: column('job_id', z.number().int()),
  runId: column('run_id', z.string()),
  /** 1 for the first try; keeps counting after a retry from the dead-letter table. */
  attempt: column('attempt', z.number().int()),
  worker: column('worker', z.string().nullable()),
  startedAt: column('started_at', z.number()),
  endedAt: column('ended_at', z.number().nullable()),
  outcome: column('outcome', z.enum(ATTEMPT_OUTCOMES).nullable()),
  error: column('error', z.string().nullable()),
  /** Delay before jitter, seconds. */
  backoffBase: column('backoff_base', z.number().nullable()),
  /** Delay actually chosen, seconds. */
  backoffDelay: column('backoff_delay', z.number().nullable()),
  /** e.g. "1 s x 2^2 = 4 s, full jitter -> 2.71 s" */
  backoffFormula: column('backoff_formula', z.string().nullable()),
});
export type AttemptRow = RowOf<typeof attemptsTable>;
/** One attempt of a known job: the row without its keys. */
export type JobAttempt = Omit<AttemptRow, 'id' | 'jobId' | 'runId'>;
export const JOB_ATTEMPT_FIELDS = fieldsOf(attemptsTable, ['id', 'jobId', 'runId']);
