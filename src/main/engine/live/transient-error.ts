// Errors that pass: the database is there but cannot answer right now. SQLite
// stayed busy beyond busy_timeout; a PostgreSQL server restarts, refuses
// connections for a moment, drops one, or cancels a transaction in a deadlock
// or serialization conflict. Live mode waits and tries again (with backoff);
// anything else is a real failure and ends the run or the worker.

/** SQLSTATE codes of failures worth retrying: connection exceptions (08...), shutdown and restart (57P0x), conflicts. */
const PG_TRANSIENT = /^(08\d{3}|57P0[123]|40001|40P01|53300)$/;
/** Node's socket errors while a server is away (ENOENT: its unix socket is gone during a restart). */
const NET_TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOENT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** node-postgres says these in words, without a code. */
const PG_MESSAGES = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|terminating connection/i;

export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_BUSY')) return true;
    if (PG_TRANSIENT.test(code) || NET_TRANSIENT.has(code)) return true;
  }
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && PG_MESSAGES.test(message);
}

/** Wall ms to wait before try n (0, 1, ...): 25 ms doubling up to 2 s, so a worker neither spins nor dozes through a restart. */
export function backoffMs(n: number): number {
  return Math.min(2000, 25 * 2 ** Math.min(n, 7));
}

/** Runs fn until it succeeds or fails for good; transient failures are retried with backoff for up to maxMs. */
export async function retryTransient<T>(fn: () => T | Promise<T>, onRetry: (error: Error) => void, maxMs = 60_000): Promise<T> {
  const until = Date.now() + maxMs;
  for (let n = 0; ; n++) {
    try {
      return await fn();
    } catch (error) {
      if (!isTransient(error) || Date.now() > until) throw error;
      onRetry(error as Error);
      await new Promise((resolve) => setTimeout(resolve, backoffMs(n)));
    }
  }
}
