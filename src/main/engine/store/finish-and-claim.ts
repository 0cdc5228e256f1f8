// A worker's group commit: the results of the jobs it has just run, and up
// to n new claims, in one BEGIN IMMEDIATE transaction. A worker draining
// sub-millisecond jobs spends its time on the write lock and the commit, not
// on the jobs; taking the lock once for a whole handful divides that cost by
// the handful, as batched acks and SQS's ReceiveMessage(MaxNumberOfMessages)
// do. Each result is still fenced one by one (a lost lease stays lost) and
// each claim is still chosen as claim() would choose it, so nothing about a
// job's fate changes: only when its rows are written.
import type { Claims } from './claim.ts';
import type { Completions } from './complete.ts';
import { StoreError, type DB } from './open-database.ts';
import type { ClaimOptions, FinishAndClaimResult, FinishedAttempt } from './types.ts';

export type FinishAndClaim = (finished: readonly FinishedAttempt[], n: number, next: ClaimOptions) => FinishAndClaimResult;

export function prepareFinishAndClaim(db: DB, claims: Claims, completions: Completions): FinishAndClaim {
  const tx = db.transaction((finished: readonly FinishedAttempt[], n: number, o: ClaimOptions): FinishAndClaimResult => ({
    results: finished.map((f) =>
      f.fail === null
        ? completions.completeInTransaction(f.jobId, o.worker, f.attempt, f.now)
        : completions.failInTransaction(f.jobId, o.worker, f.attempt, f.fail),
    ),
    claimed: claims.claimBatchInTransaction(n, o),
  }));
  return (finished, n, next) => {
    if (!Number.isInteger(n) || n < 0) throw new StoreError(`finishAndClaim: n must be an integer >= 0 (got ${n})`, 2);
    return tx.immediate(finished, n, next);
  };
}
