// The smaller tables of a run: batches, worker rows, state-count snapshots
// and the live mode's rate-limit buckets.
import { z } from 'zod';
import { JOB_STATES, type JobState } from '../job/states.ts';
import { column, defineTable, type Column, type RowOf } from './define-table.ts';

const int = () => z.number().int();

export const batchesTable = defineTable('batches', {
  batchId: column('id', int()),
  runId: column('run_id', z.string()),
  size: column('size', int()),
  succeeded: column('succeeded', int()),
  dead: column('dead', int()),
  cancelled: column('cancelled', int()),
  outcome: column('outcome', z.enum(['then', 'catch']).nullable()),
  finishedAt: column('finished_at', z.number().nullable()),
});
export type BatchRow = RowOf<typeof batchesTable>;

export const workersTable = defineTable('workers', {
  runId: column('run_id', z.string()),
  name: column('name', z.string()),
  pid: column('pid', int().nullable()),
  /** idle, busy, crashed, hung, stopped */
  state: column('state', z.string()),
  startedAt: column('started_at', z.number()),
  stoppedAt: column('stopped_at', z.number().nullable()),
  jobsDone: column('jobs_done', int()),
  restarts: column('restarts', int()),
});
export type WorkerRow = RowOf<typeof workersTable>;

/** One count column per job state, named as the state, in JOB_STATES order. */
const stateCounts = Object.fromEntries(JOB_STATES.map((s) => [s, column(s, int())])) as Record<JobState, Column<z.ZodNumber>>;

export const metricSnapshotsTable = defineTable('metric_snapshots', {
  runId: column('run_id', z.string()),
  t: column('t', z.number()),
  ...stateCounts,
});
export type MetricSnapshotRow = RowOf<typeof metricSnapshotsTable>;

export const rateLimitsTable = defineTable('rate_limits', {
  runId: column('run_id', z.string()),
  queue: column('queue', z.string()),
  tokens: column('tokens', z.number()),
  updatedAt: column('updated_at', z.number()),
  maxTokens: column('max_tokens', z.number().nullable()),
  perSeconds: column('per_seconds', z.number().nullable()),
});
