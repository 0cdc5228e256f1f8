// RunReads.overloadSamples on the SQLite lab file: a run's downstream
// measures over time (src/shared/tables/overload-samples.ts), in time order;
// rows made at the same time keep the order they were written in.
import { overloadSamplesTable, selectList, fieldsOf, type OverloadSample } from '../../../../shared/tables/index.ts';
import type { DB } from '../open-database.ts';

export function prepareOverloadReads(db: DB): { overloadSamples(runId: string): OverloadSample[] } {
  const select = db.prepare<[string], OverloadSample>(
    `SELECT ${selectList(overloadSamplesTable, fieldsOf(overloadSamplesTable, ['runId']))} FROM overload_samples WHERE run_id = ? ORDER BY t, rowid`,
  );
  return { overloadSamples: (runId) => select.all(runId) };
}
