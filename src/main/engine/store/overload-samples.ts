// Appending a live run's overload_samples rows (src/shared/tables/
// overload-samples.ts) to the SQLite lab file: one transaction per batch, so
// a sample of several services and defences lands whole. Instant runs write
// theirs through the recorder's bulk INSERTs instead.
import { columnNames, fieldsOf, overloadSamplesTable, type OverloadSample } from '../../../shared/tables/index.ts';
import type { DB } from './open-database.ts';

const COLUMNS = columnNames(overloadSamplesTable, fieldsOf(overloadSamplesTable));

export function prepareAppendOverloadSamples(db: DB, runId: string): (rows: readonly OverloadSample[]) => void {
  const insert = db.prepare(`INSERT INTO overload_samples (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
  const all = db.transaction((rows: readonly OverloadSample[]) => {
    for (const r of rows) insert.run(runId, r.t, r.source, r.name, r.metric, r.value);
  });
  return (rows) => {
    if (rows.length > 0) all.immediate(rows);
  };
}
