// Reading one job back as the engine and the HTTP host (GET /jobs/:id) see
// it: part of RunReads, in its own file because the queue store's getJob
// uses it too.
import { fieldsOf, jobsTable, selectList } from '../../../../shared/tables/index.ts';
import type { DB } from '../open-database.ts';
import type { JobRecord } from '../types.ts';

/** Every column of a job but its run, named as JobRecord's fields. */
const JOB_FIELDS = selectList(jobsTable, fieldsOf(jobsTable, ['runId']));

export function prepareJobLookup(db: DB) {
  const byId = db.prepare<[number, string], JobRecord>(`SELECT ${JOB_FIELDS} FROM jobs WHERE id = ? AND run_id = ?`);
  const bySeq = db.prepare<[string, number], JobRecord>(`SELECT ${JOB_FIELDS} FROM jobs WHERE run_id = ? AND seq = ?`);
  return {
    getJob: (runId: string, jobId: number): JobRecord | undefined => byId.get(jobId, runId),
    getJobBySeq: (runId: string, seq: number): JobRecord | undefined => bySeq.get(runId, seq),
  };
}
