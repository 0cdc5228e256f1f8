// The connection to a PostgreSQL lab database: a pg Pool, named (prepared)
// statements, and transactions that write their events at the end.
//
// Why events are buffered: every run's event log is numbered 1, 2, 3... with
// no gap, like SQLite's, and several machines write it. A transaction takes
// its numbers from the run's counter row (run_event_counters) with one
// UPDATE...RETURNING, which holds that row's lock until COMMIT, so numbers are
// handed out in commit order. Taking them last, in the same statement that
// inserts the events, keeps that lock for one round trip and the COMMIT,
// while the claims before it run side by side under SKIP LOCKED.
import pg from 'pg';
import { StoreError } from '../open-database.ts';
import type { EventInput } from '../events.ts';

/** A statement prepared once per connection under its name. */
export interface Statement {
  readonly name: string;
  readonly text: string;
}

const statements = new Map<string, string>();

/** Declares a named statement; the name is checked for clashes once, at load. */
export function statement(name: string, text: string): Statement {
  const full = `ql_${name}`;
  const known = statements.get(full);
  if (known !== undefined && known !== text) throw new Error(`two statements named ${full}`);
  statements.set(full, text);
  return { name: full, text };
}

// bigint (jobs.id = runs.num * 2^32 + seq, counts) arrives as text by
// default; every value Queue Lab stores fits a double exactly (< 2^53).
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface Tx {
  q<R>(s: Statement, values: readonly unknown[]): Promise<R[]>;
  /** Buffers one event; it is numbered and written just before COMMIT. */
  event(e: EventInput): void;
}

const EVENT_INSERT = statement(
  'events_flush',
  `WITH c AS (
     INSERT INTO run_event_counters (run_id, last_seq) VALUES ($1, $2)
     ON CONFLICT (run_id) DO UPDATE SET last_seq = run_event_counters.last_seq + $2
     RETURNING last_seq)
   INSERT INTO events (run_id, seq, t, job, kind, from_state, to_state, worker, detail, outcome, reason)
   SELECT $1, c.last_seq - $2 + e.n, e.t, e.job, e.kind, e.from_state, e.to_state, e.worker, e.detail, e.outcome, e.reason
     FROM c, unnest($3::float8[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
          WITH ORDINALITY AS e(t, job, kind, from_state, to_state, worker, detail, outcome, reason, n)`,
);

/** SQLSTATEs after which the whole transaction is simply run again. */
const RETRYABLE = new Set(['40P01' /* deadlock */, '40001' /* serialization failure */]);

/**
 * With no password in the URL or PGPASSWORD, a server that asks for one gets
 * a placeholder and refuses it (28P01, said in one line by open-postgres.ts).
 * Without one, pg fails inside its SCRAM handshake and leaves the socket
 * open, so the command would never exit. A server that trusts the user
 * never asks.
 */
function withPlaceholderPassword(url: string): string {
  if (passwordGiven(url)) return url;
  try {
    const u = new URL(url);
    if (u.username === '') return url;
    u.password = 'queue-lab-no-password-given';
    return u.toString();
  } catch {
    return url;
  }
}

/** Whether the URL or the environment brings a password. */
export function passwordGiven(url: string): boolean {
  try {
    return new URL(url).password !== '' || process.env.PGPASSWORD !== undefined;
  } catch {
    return false;
  }
}

export interface PgDatabaseOptions {
  /** Connections in the pool; a worker process needs one or two. */
  max?: number;
}

export class PgDatabase {
  readonly pool: pg.Pool;

  constructor(
    readonly url: string,
    options: PgDatabaseOptions = {},
  ) {
    // Every execution of a named statement is planned for the tables as they
    // are now (parsing is still done once per connection). A generic plan is
    // made once, after five executions, usually on the empty tables of a new
    // run: it kept a sequential scan of attempts in the batch success, which
    // cost 8 ms a call once the run had 10k attempts (57M rows read in a 10k-job
    // drain instead of 4M). Planning these small statements costs well under a
    // millisecond, paid once per handful of jobs.
    this.pool = new pg.Pool({
      connectionString: withPlaceholderPassword(url), max: options.max ?? 4, types, connectionTimeoutMillis: 10_000,
      options: '-c plan_cache_mode=force_custom_plan',
    });
    // A server restart cuts idle connections: the pool drops them and opens
    // new ones on the next query. Without a listener the error would kill the process.
    this.pool.on('error', () => {});
  }

  /** One autocommit statement. */
  async q<R>(s: Statement, values: readonly unknown[]): Promise<R[]> {
    return (await this.pool.query({ name: s.name, text: s.text, values: values as unknown[] })).rows as R[];
  }

  /** One autocommit statement, rows as arrays of values in column order. */
  async rows(s: Statement, values: readonly unknown[]): Promise<unknown[][]> {
    return (await this.pool.query({ name: s.name, text: s.text, values: values as unknown[], rowMode: 'array' })).rows as unknown[][];
  }

  /** One autocommit statement; how many rows it changed. */
  async run(s: Statement, values: readonly unknown[]): Promise<number> {
    return (await this.pool.query({ name: s.name, text: s.text, values: values as unknown[] })).rowCount ?? 0;
  }

  /**
   * Runs fn in one READ COMMITTED transaction on one connection, writes the
   * events it buffered, commits. A deadlock or serialization failure rolls
   * back and runs fn again (it must only touch the database through tx).
   */
  async transaction<T>(runId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      // A checked-out client has no pool listener: a server restart between two
      // statements would emit an unhandled 'error' and kill the process. The
      // next statement fails instead, and the caller retries.
      const lost = (error: Error): void => void (broken = error);
      client.on('error', lost);
      try {
        await client.query('BEGIN');
        const events: EventInput[] = [];
        const tx: Tx = {
          q: async <R>(s: Statement, values: readonly unknown[]) =>
            (await client.query({ name: s.name, text: s.text, values: values as unknown[] })).rows as R[],
          event: (e) => void events.push(e),
        };
        const result = await fn(tx);
        if (events.length > 0) await writeEvents(tx, runId, events);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error; // the connection is gone: do not give it back to the pool
        }
        const code = (error as { code?: string }).code;
        if (code !== undefined && RETRYABLE.has(code) && attempt < 20) {
          await new Promise((r) => setTimeout(r, Math.random() * 5 * attempt));
          continue;
        }
        throw error;
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function writeEvents(tx: Tx, runId: string, events: readonly EventInput[]): Promise<void> {
  const col = <K extends keyof EventInput>(k: K) => events.map((e) => e[k] ?? null);
  await tx.q(EVENT_INSERT, [
    runId, events.length, col('t'), col('job'), col('kind'), col('from'), col('to'), col('worker'), col('detail'), col('outcome'), col('reason'),
  ]);
}

/** The store's input checks throw StoreError as SQLite's do; re-exported so callers import one name. */
export { StoreError };
