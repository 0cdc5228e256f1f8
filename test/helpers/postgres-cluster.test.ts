// The throwaway cluster every PostgreSQL test stands on: it starts, answers,
// survives a restart (the restart test of live mode needs that), keeps its
// password role for the wrong-credentials tests, and leaves nothing behind.
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_USER, postgresBinDir, startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

async function queryOnce(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('throwaway PostgreSQL cluster', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('starts on its own port and answers select 1 in its database', async () => {
    expect(cluster.url).toBe(`postgres://postgres@127.0.0.1:${cluster.port}/queue_lab_test`);
    expect(await queryOnce(cluster.url, 'select 1 as one, current_database() as db')).toEqual([{ one: 1, db: 'queue_lab_test' }]);
  });

  it('asks the password role for its password', async () => {
    const right = cluster.urlFor(cluster.database, PASSWORD_USER);
    expect(await queryOnce(right, 'select current_user as u')).toEqual([{ u: PASSWORD_USER.user }]);
    const wrong = cluster.urlFor(cluster.database, { user: PASSWORD_USER.user, password: 'wrong' });
    await expect(queryOnce(wrong, 'select 1')).rejects.toThrow(/password authentication failed/);
  });

  it('restarts: a connection open before is cut, a new one works, data kept', async () => {
    await queryOnce(cluster.url, 'create table kept (x int); insert into kept values (7)');
    const before = new pg.Client({ connectionString: cluster.url });
    before.on('error', () => {}); // the restart cuts it: expected
    await before.connect();
    const pidBefore = (await before.query('select pg_backend_pid() as pid')).rows[0].pid as number;
    await cluster.restart();
    await expect(before.query('select 1')).rejects.toThrow();
    await before.end().catch(() => {});
    const rows = await queryOnce(cluster.url, 'select x, pg_backend_pid() as pid from kept');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ x: 7 });
    expect((rows[0] as { pid: number }).pid).not.toBe(pidBefore);
  });

  it('creates further databases', async () => {
    const url = await cluster.createDatabase('second_db');
    expect(await queryOnce(url, 'select current_database() as db')).toEqual([{ db: 'second_db' }]);
  });

  it('stops and removes its files; stop twice is harmless', async () => {
    const other = await startPostgresCluster({ database: 'other' });
    expect(existsSync(other.dataDir)).toBe(true);
    await other.stop();
    await other.stop();
    expect(existsSync(other.dataDir)).toBe(false);
    await expect(queryOnce(other.url, 'select 1')).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('when PostgreSQL cannot start', () => {
  it('throws (the tests that need it fail, never skip)', async () => {
    const saved = process.env.QUEUE_LAB_PG_BIN;
    process.env.QUEUE_LAB_PG_BIN = '/nonexistent/pg/bin';
    try {
      expect(() => postgresBinDir()).toThrow(/QUEUE_LAB_PG_BIN=\/nonexistent\/pg\/bin has no initdb/);
      await expect(startPostgresCluster()).rejects.toThrow(/has no initdb/);
    } finally {
      if (saved === undefined) delete process.env.QUEUE_LAB_PG_BIN;
      else process.env.QUEUE_LAB_PG_BIN = saved;
    }
  });
});
