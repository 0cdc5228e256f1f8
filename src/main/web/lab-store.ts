// Where the lab the web host serves keeps its runs: the SQLite lab file or a
// PostgreSQL server, behind one seam, so the LabApi server, the seeds' REST
// endpoints and the UI's live runs never ask which. Reads go through RunReads
// (awaited: the server's answer later, the file's at once); a finished run's
// dead-letter actions through a QueueStore on that run; a live run started
// from the UI through a LiveStore the run loop opens (LiveRuns).
//
// What only the file can do in this build (instant runs and sweeps write
// through SQLite's row writer and sweep tables) is declared here as a
// refusal, so the LabApi says it in one plain line instead of failing later.
import { openDatabase, type DB } from '../engine/store/open-database.ts';
import type { PgDatabase } from '../engine/store/postgres/pg-database.ts';
import { SqliteQueueStore, type QueueStore } from '../engine/store/queue-store.ts';
import type { RunReads } from '../engine/store/reads/run-reads.ts';
import { sqliteRunReads } from '../engine/store/reads/sqlite-run-reads.ts';
import type { LiveRunOptions } from '../engine/live/run-live.ts';
import type { DbTarget } from '../engine/store/open-store.ts';

/** How a live run started from the UI reaches its store: the options runLive takes for it, and what to close after. */
export interface LiveRunStore {
  options: Pick<LiveRunOptions, 'db' | 'store'>;
  close(): Promise<void>;
}

export interface LabStore {
  readonly kind: 'sqlite' | 'postgres';
  /** The database as messages and reports name it: the file, or host:port/dbname (never a password). */
  readonly label: string;
  readonly reads: RunReads;
  /** A store acting on a run that is not live here (dead-letter actions on a finished run). */
  queueStore(runId: string): QueueStore;
  /** A fresh store for one live run (its own connections: the run loop's writes do not wait on the host's reads). */
  openLiveRun(): Promise<LiveRunStore>;
  /** The SQLite lab file, where instant runs and sweeps are stored; null on a server, with the reason in `fileOnly`. */
  readonly file: DB | null;
  /** Why instant runs and sweeps are refused here (null when they are not): says what to do instead. */
  readonly fileOnly: string | null;
  close(): Promise<void>;
}

/** The lab on a SQLite file the caller opened (and closes). */
export function sqliteLabStore(db: DB): LabStore {
  return {
    kind: 'sqlite',
    label: db.name,
    reads: sqliteRunReads(db),
    queueStore: (runId) => new SqliteQueueStore(db, runId),
    openLiveRun: async () => {
      const runDb = openDatabase(db.name);
      return { options: { db: runDb }, close: async () => void (runDb.open && runDb.close()) };
    },
    file: db,
    fileOnly: null,
    close: async () => undefined,
  };
}

/**
 * The lab on a PostgreSQL server, opened (and migrated) by the caller, which
 * hands over `db` to be closed with the store. Live runs open their own pool
 * through openLiveStore, as `run --mode live --db postgres://` does.
 */
export async function postgresLabStore(db: PgDatabase, url: string, label: string): Promise<LabStore> {
  const { postgresRunReads } = await import('../engine/store/postgres/pg-run-reads.ts');
  const { PostgresQueueStore } = await import('../engine/store/postgres/postgres-queue-store.ts');
  const { openLiveStore } = await import('../engine/live/open-live-store.ts');
  let closing: Promise<void> | null = null;
  return {
    kind: 'postgres',
    label,
    reads: postgresRunReads(db),
    queueStore: (runId) => new PostgresQueueStore(db, runId),
    openLiveRun: async () => {
      const opened: { close(): Promise<void> | void }[] = [];
      return {
        options: {
          store: async (runId) => {
            const store = await openLiveStore(url, runId);
            opened.push(store);
            return store;
          },
        },
        close: async () => {
          for (const store of opened.splice(0)) await store.close();
        },
      };
    },
    file: null,
    fileOnly:
      `this lab is served on PostgreSQL (${label}), and this build stores instant runs and sweeps in a SQLite lab file only: ` +
      'run the scenario in live mode here, or serve a lab file (queue-lab serve --db FILE) for instant runs and sweeps',
    // The web host and its command may both close it: once.
    close: () => (closing ??= db.close()),
  };
}

/**
 * The lab's database as `--db` / QUEUE_LAB_DB names it, for `serve` and the
 * desktop app alike: the file (its own connection), or the server opened and
 * migrated as `run` does. Fails early, with plain words, on a bad file or server.
 */
export async function openLabStore(target: DbTarget): Promise<{ store: LabStore; close(): Promise<void> }> {
  if (target.kind === 'sqlite') {
    const db = openDatabase(target.file);
    return { store: sqliteLabStore(db), close: async () => void (db.open && db.close()) };
  }
  const { openPostgres } = await import('../engine/store/postgres/open-postgres.ts');
  const db = await openPostgres(target.url);
  const store = await postgresLabStore(db, target.url, target.where);
  return { store, close: () => store.close() };
}
