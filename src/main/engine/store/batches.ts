// Batches (Laravel's Bus::batch): a fixed number of jobs whose outcome is
// decided once every one of them is final: `then` when all succeeded, else
// `catch`. The counters move with each transition in and out of a final
// state (a dead job retried from the dead-letter table leaves `dead`), so
// keeping them costs O(1) per job instead of a recount of the whole batch.
// The outcome is set once: a later retry from the dead-letter table updates
// the counters but does not take back a `catch` already announced.
import type { JobState } from '../../../shared/job/states.ts';
import { batchSettlement } from '../../../shared/lifecycle/chains-and-batches.ts';
import type { BatchRow } from '../../../shared/tables/index.ts';
import { decidedEvent, type AppendEvent } from './events.ts';
import { StoreError, type DB } from './open-database.ts';

export interface Batches {
  createBatch(size: number): number;
  /** True if the batch exists in this run. */
  exists(batchId: number): boolean;
  /** Call in the transaction that moved a job of the batch from `from` to `to`. */
  moved(batchId: number | null, from: JobState | null, to: JobState, now: number): void;
}

/** A batches row's counters and outcome (src/shared/tables). */
type Counters = Pick<BatchRow, 'size' | 'succeeded' | 'dead' | 'cancelled' | 'outcome'>;

export function prepareBatches(db: DB, runId: string, appendEvent: AppendEvent): Batches {
  const insert = db.prepare('INSERT INTO batches (run_id, size) VALUES (?, ?)');
  const owned = db.prepare<[number, string], number>('SELECT 1 FROM batches WHERE id = ? AND run_id = ?').pluck();
  const bump = db.prepare<[number, number, number, number], Counters>(
    `UPDATE batches SET succeeded = succeeded + ?, dead = dead + ?, cancelled = cancelled + ?
      WHERE id = ? RETURNING size, succeeded, dead, cancelled, outcome`,
  );
  const settle = db.prepare('UPDATE batches SET outcome = ?, finished_at = ? WHERE id = ? AND outcome IS NULL');
  return {
    createBatch(size) {
      if (!Number.isInteger(size) || size < 1) throw new StoreError(`batch size: must be an integer >= 1 (got ${size})`, 2);
      return Number(insert.run(runId, size).lastInsertRowid);
    },
    exists(batchId) {
      return owned.get(batchId, runId) !== undefined;
    },
    moved(batchId, from, to, now) {
      if (batchId === null) return;
      const d = (s: JobState) => (to === s ? 1 : 0) - (from === s ? 1 : 0);
      const [ds, dd, dc] = [d('succeeded'), d('dead'), d('cancelled')];
      if (ds === 0 && dd === 0 && dc === 0) return;
      const b = bump.get(ds, dd, dc, batchId);
      if (!b || b.outcome !== null) return;
      const settled = batchSettlement(`batch ${batchId}`, b);
      if (!settled) return;
      settle.run(settled.outcome, now, batchId);
      appendEvent(decidedEvent(now, null, settled.event));
    },
  };
}
