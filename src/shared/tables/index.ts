// Every table of the lab database, defined once (define-table.ts): names,
// columns and row types. Migrations create them (src/main/engine/store/
// migrations.ts and postgres/migrations.ts); a test checks the two agree.
export { columnNames, fieldsOf, selectList, type FieldOf, type RowOf, type SqlRowOf, type Table } from './define-table.ts';
export { attemptsTable, JOB_ATTEMPT_FIELDS, type AttemptRow, type JobAttempt } from './attempts.ts';
export { deadJobsTable, type DeadJobRow } from './dead-jobs.ts';
export { eventsTable, type EventRow } from './events.ts';
export { jobsTable, type JobRow } from './jobs.ts';
export { batchesTable, metricSnapshotsTable, rateLimitsTable, workersTable, type BatchRow, type MetricSnapshotRow, type WorkerRow } from './run-extras.ts';
export { BREAKER_STATE_VALUE, CALLER_METRICS, HOST_SOURCE, OVERLOAD_METRICS, overloadSamplesTable, SERVICE_METRICS, SIM_SOURCE, type OverloadMetric, type OverloadSample, type OverloadSampleRow } from './overload-samples.ts';
export { RUN_MODES, RUN_STATUSES, runsTable, STORE_LEVELS, type RunRow } from './runs.ts';

import { attemptsTable } from './attempts.ts';
import { deadJobsTable } from './dead-jobs.ts';
import { eventsTable } from './events.ts';
import { jobsTable } from './jobs.ts';
import { batchesTable, metricSnapshotsTable, rateLimitsTable, workersTable } from './run-extras.ts';
import { overloadSamplesTable } from './overload-samples.ts';
import { runsTable } from './runs.ts';

export const LAB_TABLES = [runsTable, batchesTable, jobsTable, attemptsTable, deadJobsTable, eventsTable, workersTable, metricSnapshotsTable, rateLimitsTable, overloadSamplesTable] as const;
