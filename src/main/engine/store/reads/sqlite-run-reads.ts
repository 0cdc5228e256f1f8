// RunReads on the SQLite lab file. Every statement is prepared once, here;
// the methods answer synchronously (better-sqlite3), so a caller holding this
// class gets plain values and code written against RunReads awaits them.
// The web host reads on its own connection (WAL: readers never wait for the
// workers' writes).
import type { DB } from '../open-database.ts';
import { prepareRuns } from '../runs.ts';
import type { RunReads } from './run-reads.ts';
import { prepareEventReads } from './sqlite-event-reads.ts';
import { prepareJobReads } from './sqlite-job-reads.ts';
import { prepareOverloadReads } from './sqlite-overload-reads.ts';

type Sync<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Awaited<R> : T[K] };

export type SqliteRunReads = Sync<RunReads>;

export function sqliteRunReads(db: DB): SqliteRunReads {
  const runs = prepareRuns(db);
  return {
    getRun: (runId) => runs.getRun(runId),
    listRuns: () => runs.listRuns(),
    ...prepareEventReads(db),
    ...prepareJobReads(db),
    ...prepareOverloadReads(db),
  };
}
