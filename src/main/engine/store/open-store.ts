// What `--db` (or QUEUE_LAB_DB) names, decided in one place: a SQLite file
// path, or a PostgreSQL server as postgres://user[:password]@host[:port]/dbname.
// A malformed URL is refused here, before anything is opened; a value with
// another scheme (mysql://, a typo like postgress://) is refused too rather
// than taken for a file name. The PostgreSQL client is loaded only for a URL,
// so a SQLite command starts as fast as before.
import { existsSync } from 'node:fs';
import { StoreError } from './open-database.ts';
import { describePostgresUrl, isPostgresUrl, redactPostgresUrl } from './postgres/postgres-url.ts';
import type { RunReads } from './reads/run-reads.ts';

export type DbTarget =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgres';
      url: string;
      /** host:port/dbname, for messages (never the password). */
      where: string;
    };

export function dbTarget(value: string): DbTarget {
  const text = value.trim();
  if (text === '') throw new StoreError('--db: empty; give a SQLite file path or postgres://user@host:port/dbname', 2);
  if (isPostgresUrl(text)) return { kind: 'postgres', url: text, where: describePostgresUrl(text) };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) throw new StoreError(`--db ${redactPostgresUrl(text)}: unknown scheme ${scheme[1]}://; give a SQLite file path or postgres://user@host:port/dbname`, 2);
  return { kind: 'sqlite', file: value };
}

/** The target as a line shows it: the file, or the URL with its password hidden. */
export function targetLabel(target: DbTarget): string {
  return target.kind === 'sqlite' ? target.file : redactPostgresUrl(target.url);
}

export interface OpenedReads {
  reads: RunReads;
  close(): Promise<void>;
}

/**
 * A stored run's reads for a read command (report): the file opened
 * read-only, or the server without migrating (a database without the
 * Queue Lab tables is said so, exit 2).
 */
export async function openRunReads(target: DbTarget, flagGiven: boolean): Promise<OpenedReads> {
  if (target.kind === 'sqlite') {
    if (!existsSync(target.file)) throw new StoreError(`no lab database at ${target.file}${flagGiven ? '' : ' (give --db FILE)'}`, 2);
    const { explain, openDatabase } = await import('./open-database.ts');
    const { sqliteRunReads } = await import('./reads/sqlite-run-reads.ts');
    let db;
    try {
      db = openDatabase(target.file, { readonly: true });
    } catch (error) {
      throw explain(error, target.file);
    }
    return {
      reads: sqliteRunReads(db),
      close: async () => {
        db.close();
      },
    };
  }
  const { openPostgres } = await import('./postgres/open-postgres.ts');
  const { postgresRunReads } = await import('./postgres/pg-run-reads.ts');
  const db = await openPostgres(target.url, { migrate: false, max: 2 });
  return { reads: postgresRunReads(db), close: () => db.close() };
}
