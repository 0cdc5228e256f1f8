// The PostgreSQL schema has the SQLite store's tables and columns (the public
// contract, README "The database"), a version row, and a migration for each
// of SQLite's; opening twice (or twice at once) migrates once.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src/main/engine/store/open-database.ts';
import { SCHEMA_VERSION } from '../../../../src/main/engine/store/migrations.ts';
import { openPostgres } from '../../../../src/main/engine/store/postgres/open-postgres.ts';
import { startPostgresCluster, type PostgresCluster } from '../../../helpers/postgres-cluster.ts';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

/** Bookkeeping PostgreSQL needs and SQLite keeps elsewhere (PRAGMA user_version; MAX(seq) under the write lock). */
const PG_ONLY = ['queue_lab_schema', 'run_event_counters'];

async function pgColumns(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    )).rows;
    const out: Record<string, string[]> = {};
    for (const r of rows) (out[r.table_name] ??= []).push(r.column_name);
    return out;
  } finally {
    await client.end();
  }
}

function sqliteColumns(): Record<string, string[]> {
  const db = openDatabase(':memory:');
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
  const out: Record<string, string[]> = {};
  for (const t of tables) out[t] = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
  db.close();
  return out;
}

describe('PostgreSQL schema', () => {
  it('has exactly the SQLite tables and columns, in the same order', async () => {
    const url = await cluster.createDatabase('schema_cmp');
    await (await openPostgres(url)).close();
    const pgTables = await pgColumns(url);
    for (const t of PG_ONLY) delete pgTables[t];
    expect(pgTables).toEqual(sqliteColumns());
  });

  it('records the schema version, and opening again (even at once) migrates once', async () => {
    const url = await cluster.createDatabase('schema_twice');
    const dbs = await Promise.all([openPostgres(url), openPostgres(url), openPostgres(url)]);
    for (const db of dbs) await db.close();
    await (await openPostgres(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rows = (await client.query('SELECT version FROM queue_lab_schema')).rows;
    await client.end();
    expect(rows).toEqual([{ version: SCHEMA_VERSION }]);
  });
});
