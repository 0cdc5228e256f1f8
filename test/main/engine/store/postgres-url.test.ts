// What --db means, decided in one place: a file, a PostgreSQL URL (checked
// before any connection), or a refusal naming what is wrong; and the server
// version check, fed versions this machine cannot run (only PostgreSQL 15 is
// installed here, so an older server is faked through the check's input).
import { describe, expect, it } from 'vitest';
import { dbTarget, targetLabel } from '../../../../src/main/engine/store/open-store.ts';
import { checkServerVersion, MIN_SERVER_MAJOR } from '../../../../src/main/engine/store/postgres/open-postgres.ts';
import { describePostgresUrl, redactPostgresUrl } from '../../../../src/main/engine/store/postgres/postgres-url.ts';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { message: (error as Error).message, exitCode: (error as { exitCode?: number }).exitCode };
  }
  throw new Error('expected a refusal');
};

describe('--db target', () => {
  it('takes a path for a SQLite file and a postgres:// or postgresql:// URL for a server', () => {
    expect(dbTarget('lab.db')).toEqual({ kind: 'sqlite', file: 'lab.db' });
    expect(dbTarget('/tmp/x/lab.db')).toEqual({ kind: 'sqlite', file: '/tmp/x/lab.db' });
    expect(dbTarget('postgres://me@db.example:6543/lab')).toEqual({ kind: 'postgres', url: 'postgres://me@db.example:6543/lab', where: 'db.example:6543/lab' });
    expect(dbTarget('postgresql://me:pw@127.0.0.1/lab')).toMatchObject({ kind: 'postgres', where: '127.0.0.1:5432/lab' });
    expect(dbTarget('postgres:///lab?host=/var/run/postgresql')).toMatchObject({ kind: 'postgres', where: 'socket /var/run/postgresql/lab' });
  });

  it('refuses an empty value, another scheme and a malformed URL with exit 2, never showing the password', () => {
    expect(refusal(() => dbTarget('  '))).toEqual({ exitCode: 2, message: expect.stringMatching(/^--db: empty/) });
    expect(refusal(() => dbTarget('mysql://u:pw@h/db'))).toEqual({ exitCode: 2, message: expect.stringMatching(/^--db mysql:\/\/u:\*\*\*@h\/db: unknown scheme mysql:\/\//) });
    expect(refusal(() => dbTarget('postgress://h/db')).message).toMatch(/unknown scheme postgress/);
    for (const [url, problem] of [
      ['postgres://h:70000/db', 'not a valid URL'],
      ['postgres://h', 'no database name'],
      ['postgres://h/', 'no database name'],
      ['postgres://h/a/b', 'database name "a/b" contains a slash'],
      ['postgres:///db', 'no host'],
      ['postgres://u:hunter2@h:0/db', 'port 0 out of range'],
    ] as const) {
      const r = refusal(() => describePostgresUrl(url));
      expect(r.exitCode, url).toBe(2);
      expect(r.message, url).toContain(problem);
      expect(r.message).not.toContain('hunter2');
    }
  });

  it('labels a target for output lines without its password', () => {
    expect(targetLabel(dbTarget('postgres://me:s3cret@h/db'))).toBe('postgres://me:***@h/db');
    expect(redactPostgresUrl('postgres://me@h/db')).toBe('postgres://me@h/db');
    expect(targetLabel(dbTarget('lab.db'))).toBe('lab.db');
  });
});

describe('server version check', () => {
  it(`refuses a server older than PostgreSQL ${MIN_SERVER_MAJOR} in one line (exit 1) and takes newer ones`, () => {
    expect(refusal(() => checkServerVersion(120_017, 'h:5432/db'))).toEqual({
      exitCode: 1, message: `h:5432/db runs PostgreSQL 12, which Queue Lab does not support; it needs PostgreSQL ${MIN_SERVER_MAJOR} or newer`,
    });
    expect(refusal(() => checkServerVersion(90_624, 'h:5432/db')).message).toContain('PostgreSQL 9,');
    for (const v of [130_000, 150_004, 170_002, 190_000]) expect(() => checkServerVersion(v, 'h')).not.toThrow();
  });
});
