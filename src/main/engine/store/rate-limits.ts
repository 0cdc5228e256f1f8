// Per-queue rate limits as token buckets in the rate_limits table, one per
// (run, queue): a full bucket holds `max` tokens, refilled continuously at
// max/per tokens a second, and a claim spends one. The bucket lives in the
// database, not in a worker, because every worker process must draw from the
// same bucket. The refill is computed from the caller's `now`, so a scenario
// clock drives it and instant and live mode agree: both compute the level
// with src/shared/limits/token-bucket.ts.
import { bucketLevel, hasToken } from '../../../shared/limits/token-bucket.ts';
import { StoreError, type DB } from './open-database.ts';
import type { RateLimit } from './types.ts';

export interface RateLimits {
  /** Sets (with a full bucket) or, with null, removes the limit of a queue. */
  set(queue: string, limit: RateLimit | null, now: number): void;
  /** Takes one token if the queue has one; true also for a queue without a limit. */
  take(queue: string, now: number): boolean;
  /** Whether take() would succeed, without spending. */
  has(queue: string, now: number): boolean;
}

interface Bucket {
  tokens: number;
  updated_at: number;
  max_tokens: number | null;
  per_seconds: number | null;
}

export function prepareRateLimits(db: DB, runId: string): RateLimits {
  const upsert = db.prepare(
    `INSERT INTO rate_limits (run_id, queue, tokens, updated_at, max_tokens, per_seconds) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (run_id, queue) DO UPDATE SET tokens = excluded.tokens, updated_at = excluded.updated_at,
       max_tokens = excluded.max_tokens, per_seconds = excluded.per_seconds`,
  );
  const remove = db.prepare('DELETE FROM rate_limits WHERE run_id = ? AND queue = ?');
  const read = db.prepare<[string, string], Bucket>(
    'SELECT tokens, updated_at, max_tokens, per_seconds FROM rate_limits WHERE run_id = ? AND queue = ?',
  );
  const spend = db.prepare('UPDATE rate_limits SET tokens = ?, updated_at = ? WHERE run_id = ? AND queue = ?');

  /** Tokens now, or null for an unlimited queue. */
  function level(b: Bucket | undefined, now: number): number | null {
    if (!b || b.max_tokens === null || b.per_seconds === null) return null;
    return bucketLevel({ max: b.max_tokens, per: b.per_seconds }, b.tokens, b.updated_at, now);
  }

  return {
    set(queue, limit, now) {
      if (limit === null) {
        remove.run(runId, queue);
        return;
      }
      if (!(Number.isFinite(limit.max) && limit.max >= 1)) throw new StoreError(`rate limit max: must be >= 1 (got ${limit.max})`, 2);
      if (!(Number.isFinite(limit.per) && limit.per > 0)) throw new StoreError(`rate limit per: must be > 0 seconds (got ${limit.per})`, 2);
      upsert.run(runId, queue, limit.max, now, limit.max, limit.per);
    },
    take(queue, now) {
      const b = read.get(runId, queue);
      const tokens = level(b, now);
      if (tokens === null) return true;
      if (!hasToken(tokens)) return false;
      spend.run(Math.max(0, tokens - 1), Math.max(now, b!.updated_at), runId, queue);
      return true;
    },
    has(queue, now) {
      const tokens = level(read.get(runId, queue), now);
      return tokens === null || hasToken(tokens);
    },
  };
}
