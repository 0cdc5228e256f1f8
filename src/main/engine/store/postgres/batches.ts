// Batch counters and their one-time settlement (see ../batches.ts): the
// counters move with every transition in or out of a final state, and the
// lifecycle (batchSettlement) decides then or catch. The counter UPDATE locks
// the batch row, so two members finishing at once settle it exactly once.
import type { JobState } from '../../../../shared/job/states.ts';
import { batchSettlement } from '../../../../shared/lifecycle/chains-and-batches.ts';
import { decidedEvent } from '../events.ts';
import { statement, StoreError, type PgDatabase, type Tx } from './pg-database.ts';

const INSERT = statement('batch_insert', 'INSERT INTO batches (run_id, size) VALUES ($1, $2) RETURNING id');
const OWNED = statement('batch_owned', 'SELECT 1 AS one FROM batches WHERE id = $1 AND run_id = $2');
const BUMP = statement(
  'batch_bump',
  `UPDATE batches SET succeeded = succeeded + $1, dead = dead + $2, cancelled = cancelled + $3
    WHERE id = $4 RETURNING size, succeeded, dead, cancelled, outcome`,
);
const SETTLE = statement('batch_settle', 'UPDATE batches SET outcome = $1, finished_at = $2 WHERE id = $3 AND outcome IS NULL');

interface Counters {
  size: number;
  succeeded: number;
  dead: number;
  cancelled: number;
  outcome: 'then' | 'catch' | null;
}

export async function createBatch(db: PgDatabase, runId: string, size: number): Promise<number> {
  if (!Number.isInteger(size) || size < 1) throw new StoreError(`batch size: must be an integer >= 1 (got ${size})`, 2);
  return (await db.q<{ id: number }>(INSERT, [runId, size]))[0]!.id;
}

export async function batchExists(tx: Tx, runId: string, batchId: number): Promise<boolean> {
  return (await tx.q(OWNED, [batchId, runId])).length > 0;
}

/** Call in the transaction that moved a job of the batch from `from` to `to`. */
export async function batchMoved(tx: Tx, batchId: number | null, from: JobState | null, to: JobState, now: number): Promise<void> {
  if (batchId === null) return;
  const d = (s: JobState) => (to === s ? 1 : 0) - (from === s ? 1 : 0);
  const [ds, dd, dc] = [d('succeeded'), d('dead'), d('cancelled')];
  if (ds === 0 && dd === 0 && dc === 0) return;
  const b = (await tx.q<Counters>(BUMP, [ds, dd, dc, batchId]))[0];
  if (!b || b.outcome !== null) return;
  const settled = batchSettlement(`batch ${batchId}`, b);
  if (!settled) return;
  await tx.q(SETTLE, [settled.outcome, now, batchId]);
  tx.event(decidedEvent(now, null, settled.event));
}
