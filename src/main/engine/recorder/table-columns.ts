// The columns the recorder writes, per table: each table's columns as
// src/shared/tables defines them, in that order, less the ones a finished
// instant job leaves at their defaults (no lease, no progress, no retry from
// the dead-letter table yet). The recorder pushes values in this order.
import {
  attemptsTable, batchesTable, columnNames, deadJobsTable, eventsTable, fieldsOf, jobsTable, metricSnapshotsTable, overloadSamplesTable, workersTable,
} from '../../../shared/tables/index.ts';

/** jobs columns a recorded job leaves to their defaults. */
export const JOB_DEFAULTED = ['attemptBase', 'leaseOwner', 'leaseExpiresAt', 'heartbeatAt', 'progress'] as const;

export const COLUMNS = {
  events: columnNames(eventsTable, fieldsOf(eventsTable)),
  jobs: columnNames(jobsTable, fieldsOf(jobsTable, JOB_DEFAULTED)),
  attempts: columnNames(attemptsTable, fieldsOf(attemptsTable, ['id'])),
  dead_jobs: columnNames(deadJobsTable, fieldsOf(deadJobsTable)),
  // A batch's outcome columns are set by an UPDATE when it finishes.
  batches: columnNames(batchesTable, ['batchId', 'runId', 'size']),
  workers: columnNames(workersTable, fieldsOf(workersTable, ['pid'])),
  // The state columns in JOB_STATES order: snapshot counts come indexed by it.
  metric_snapshots: columnNames(metricSnapshotsTable, fieldsOf(metricSnapshotsTable)),
  overload_samples: columnNames(overloadSamplesTable, fieldsOf(overloadSamplesTable)),
} as const;

export type Table = keyof typeof COLUMNS;
export const TABLES = Object.keys(COLUMNS) as Table[];
