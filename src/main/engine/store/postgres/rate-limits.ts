// Per-queue token buckets in the rate_limits table (see ../rate-limits.ts),
// shared by every worker on every machine. A claim locks the buckets of the
// queues it serves (FOR UPDATE: only limited queues have a row, so an
// unlimited run locks nothing), computes the level with the shared
// token-bucket module from the caller's clock, and spends what it claimed.
import { bucketLevel, hasToken, TOKEN_EPSILON } from '../../../../shared/limits/token-bucket.ts';
import type { RateLimit } from '../types.ts';
import { statement, StoreError, type PgDatabase, type Tx } from './pg-database.ts';

const UPSERT = statement(
  'rate_upsert',
  `INSERT INTO rate_limits (run_id, queue, tokens, updated_at, max_tokens, per_seconds) VALUES ($1, $2, $3, $4, $3, $5)
   ON CONFLICT (run_id, queue) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at,
     max_tokens = excluded.max_tokens, per_seconds = excluded.per_seconds`,
);
const REMOVE = statement('rate_remove', 'DELETE FROM rate_limits WHERE run_id = $1 AND queue = $2');
const LOCK = statement(
  'rate_lock',
  `SELECT queue, tokens, updated_at, max_tokens, per_seconds FROM rate_limits
    WHERE run_id = $1 AND queue = ANY($2::text[]) ORDER BY queue FOR UPDATE`,
);
const SPEND = statement('rate_spend', 'UPDATE rate_limits SET tokens = $1, updated_at = $2 WHERE run_id = $3 AND queue = $4');

interface Bucket {
  queue: string;
  tokens: number;
  updated_at: number;
  max_tokens: number | null;
  per_seconds: number | null;
}

export async function setRateLimit(db: PgDatabase, runId: string, queue: string, limit: RateLimit | null, now: number): Promise<void> {
  if (limit === null) {
    await db.q(REMOVE, [runId, queue]);
    return;
  }
  if (!(Number.isFinite(limit.max) && limit.max >= 1)) throw new StoreError(`rate limit max: must be >= 1 (got ${limit.max})`, 2);
  if (!(Number.isFinite(limit.per) && limit.per > 0)) throw new StoreError(`rate limit per: must be > 0 seconds (got ${limit.per})`, 2);
  await db.q(UPSERT, [runId, queue, limit.max, now, limit.per]);
}

/** The buckets of a claim's queues, locked until its transaction ends. */
export class LockedBuckets {
  private constructor(
    private readonly runId: string,
    private readonly buckets: Map<string, Bucket>,
  ) {}

  static async lock(tx: Tx, runId: string, queues: readonly string[]): Promise<LockedBuckets> {
    const rows = await tx.q<Bucket>(LOCK, [runId, queues]);
    return new LockedBuckets(runId, new Map(rows.map((b) => [b.queue, b])));
  }

  /** How many claims the queue allows now (Infinity without a limit), as one take() after another would. */
  allowance(queue: string, now: number): number {
    const b = this.buckets.get(queue);
    if (!b || b.max_tokens === null || b.per_seconds === null) return Infinity;
    const level = bucketLevel({ max: b.max_tokens, per: b.per_seconds }, b.tokens, b.updated_at, now);
    return hasToken(level) ? Math.floor(level + TOKEN_EPSILON) : 0;
  }

  /** Spends `n` tokens of a limited queue (no-op for an unlimited one or n = 0). */
  async spend(tx: Tx, queue: string, n: number, now: number): Promise<void> {
    const b = this.buckets.get(queue);
    if (n === 0 || !b || b.max_tokens === null || b.per_seconds === null) return;
    const level = bucketLevel({ max: b.max_tokens, per: b.per_seconds }, b.tokens, b.updated_at, now);
    const tokens = Math.max(0, level - n);
    const updatedAt = Math.max(now, b.updated_at);
    await tx.q(SPEND, [tokens, updatedAt, this.runId, queue]);
    this.buckets.set(queue, { ...b, tokens, updated_at: updatedAt });
  }
}
