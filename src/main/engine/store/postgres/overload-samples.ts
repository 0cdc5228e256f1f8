// Appending a live run's overload_samples rows on PostgreSQL: one INSERT of
// the batch as arrays (unnest keeps them in order), one round trip however
// many services and defences a sample has.
import type { OverloadSample } from '../../../../shared/tables/index.ts';
import { statement, type PgDatabase } from './pg-database.ts';

const APPEND = statement(
  'overload_append',
  `INSERT INTO overload_samples (run_id, t, source, name, metric, value)
   SELECT $1, u.t, u.source, u.name, u.metric, u.value
     FROM unnest($2::float8[], $3::text[], $4::text[], $5::text[], $6::float8[]) WITH ORDINALITY AS u(t, source, name, metric, value, n)
    ORDER BY u.n`,
);

export async function appendOverloadSamples(db: PgDatabase, runId: string, rows: readonly OverloadSample[]): Promise<void> {
  if (rows.length === 0) return;
  await db.run(APPEND, [runId, rows.map((r) => r.t), rows.map((r) => r.source), rows.map((r) => r.name), rows.map((r) => r.metric), rows.map((r) => r.value)]);
}
