// Opening a PostgreSQL lab database: the one place that turns PostgreSQL's
// failure modes (a refused connection, a wrong password, a missing
// database, an old server, a schema from a newer Queue Lab) into one line a
// student can act on, as ../open-database.ts does for SQLite. Exit codes
// follow the CLI: 2 for what the command line got wrong (the URL, the
// credentials, the database name, a database without the schema for a read
// command), 1 for what went wrong at run time (no server, an unsupported one).
import { passwordGiven, PgDatabase, statement, StoreError, type PgDatabaseOptions } from './pg-database.ts';
import { PG_MIGRATIONS, SCHEMA_TABLE } from './migrations.ts';
import { SCHEMA_VERSION } from '../migrations.ts';
import { describePostgresUrl } from './postgres-url.ts';

/** The oldest PostgreSQL major the store is tested against the features of (SKIP LOCKED, identity columns, ...). */
export const MIN_SERVER_MAJOR = 13;

export interface OpenPostgresOptions extends PgDatabaseOptions {
  /** create or upgrade the schema (run, serve, worker); false: a read command, which only says it is missing. */
  migrate?: boolean;
}

/** Refuses a server Queue Lab cannot run on; input is SHOW server_version_num (e.g. 150004). */
export function checkServerVersion(versionNum: number, where: string): void {
  const major = Math.floor(versionNum / 10000);
  if (!Number.isFinite(major) || major < MIN_SERVER_MAJOR) {
    throw new StoreError(`${where} runs PostgreSQL ${major}, which Queue Lab does not support; it needs PostgreSQL ${MIN_SERVER_MAJOR} or newer`, 1);
  }
}

const VERSION_NUM = statement('open_server_version', `SELECT current_setting('server_version_num')::int AS v`);
const HAS_SCHEMA = statement('open_has_schema', `SELECT to_regclass('queue_lab_schema') IS NOT NULL AS present`);
const READ_VERSION = statement('open_schema_version', 'SELECT version FROM queue_lab_schema');

export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<PgDatabase> {
  const where = describePostgresUrl(url); // throws a usage error for a malformed URL
  const db = new PgDatabase(url, options);
  try {
    const [{ v }] = (await db.q<{ v: number }>(VERSION_NUM, [])) as [{ v: number }];
    checkServerVersion(v, where);
    if (options.migrate === false) await requireSchema(db, where);
    else await migrate(db, where);
    return db;
  } catch (error) {
    await db.close().catch(() => {});
    throw explainPgError(error, where, url);
  }
}

async function requireSchema(db: PgDatabase, where: string): Promise<void> {
  const [{ present }] = (await db.q<{ present: boolean }>(HAS_SCHEMA, [])) as [{ present: boolean }];
  if (!present) throw new StoreError(`${where} has no Queue Lab tables yet (no run was stored there); start a run with --db first`, 2);
  const version = (await db.q<{ version: number }>(READ_VERSION, []))[0]?.version ?? 0;
  if (version > SCHEMA_VERSION) throw newerSchema(where, version);
  if (version < SCHEMA_VERSION) throw new StoreError(`${where} has Queue Lab schema ${version}, older than ${SCHEMA_VERSION}; open it once with run or serve to upgrade it`, 2);
}

const newerSchema = (where: string, version: number) =>
  new StoreError(`${where} was written by a newer Queue Lab (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade Queue Lab`, 2);

/**
 * Every missing migration in one transaction under an advisory lock: two
 * hosts opening a fresh database at once do not both create the tables, and
 * a failure leaves nothing half-written (PostgreSQL's DDL is transactional).
 */
async function migrate(db: PgDatabase, where: string): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(81, 1)');
    await client.query(SCHEMA_TABLE);
    const version = ((await client.query<{ version: number }>('SELECT version FROM queue_lab_schema')).rows[0]?.version) ?? 0;
    if (version > SCHEMA_VERSION) throw newerSchema(where, version);
    for (let v = version; v < SCHEMA_VERSION; v++) await client.query(PG_MIGRATIONS[v]!);
    if (version === 0) await client.query('INSERT INTO queue_lab_schema (version) VALUES ($1)', [SCHEMA_VERSION]);
    else if (version < SCHEMA_VERSION) await client.query('UPDATE queue_lab_schema SET version = $1', [SCHEMA_VERSION]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    const code = (error as { code?: string }).code;
    if (error instanceof StoreError || code === '42501') throw error;
    throw new StoreError(`could not create the Queue Lab tables in ${where} (${(error as Error).message}); nothing was changed`, 1);
  } finally {
    client.release();
  }
}

/** One line naming the problem; the URL's password never appears in it. */
export function explainPgError(error: unknown, where: string, url: string): Error {
  if (error instanceof StoreError) return error;
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const user = safeUser(url);
  switch (e.code) {
    case 'ECONNREFUSED':
      return new StoreError(`cannot connect to PostgreSQL at ${where}: connection refused (is the server running and listening there?)`, 1);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new StoreError(`cannot connect to PostgreSQL at ${where}: host not found`, 1);
    case 'ETIMEDOUT':
      return new StoreError(`cannot connect to PostgreSQL at ${where}: timed out`, 1);
    case '28P01':
      return passwordGiven(url)
        ? new StoreError(`PostgreSQL at ${where} refused user ${user}: wrong password`, 2)
        : new StoreError(`PostgreSQL at ${where} asks user ${user} for a password; put it in the URL (postgres://user:password@host/db) or in PGPASSWORD`, 2);
    case '28000':
      return new StoreError(`PostgreSQL at ${where} refused user ${user} (${message})`, 2);
    case '3D000':
      return new StoreError(`PostgreSQL at ${where}: the database does not exist (create it with createdb, or name another in the URL)`, 2);
    case '42501':
      return new StoreError(`PostgreSQL at ${where}: user ${user} may not create the Queue Lab tables (${message})`, 2);
  }
  if (/timeout exceeded when trying to connect|Connection terminated/i.test(message)) {
    return new StoreError(`cannot connect to PostgreSQL at ${where}: ${message}`, 1);
  }
  return error instanceof Error ? error : new Error(message);
}

function safeUser(url: string): string {
  try {
    return decodeURIComponent(new URL(url).username) || process.env.PGUSER || 'postgres';
  } catch {
    return 'postgres';
  }
}
