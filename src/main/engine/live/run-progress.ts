// How far a live run is, on SQLite. Whether it can end is asked every tick
// (10 ms), so that question is three index seeks; the counts walk the open
// jobs' index entries (50k at the start of a 50k-job drain, on a core the
// workers need), so the run loop takes them for the progress bar at most every
// PROGRESS_MS (run-live.ts), and once at the end. A COUNT ... FILTER over the run's rows, as before, read every
// job row 100 times a second.
import type { DB } from '../store/open-database.ts';
import type { Counts } from './live-store.ts';

export class RunProgress {
  private readonly countsQuery;
  private readonly movable;

  constructor(
    db: DB,
    private readonly runId: string,
  ) {
    // Index-only: the partial indexes hold just the open jobs (none of the
    // finished ones), and a run's seq counts 1, 2, 3... so MAX(seq) is its total.
    this.countsQuery = db.prepare<[string, string, string, string, string], Counts>(
      `SELECT (SELECT COUNT(*) FROM jobs WHERE run_id = ? AND state = 'pending')
            + (SELECT COUNT(*) FROM jobs WHERE run_id = ? AND state IN ('scheduled', 'retrying'))
            + (SELECT COUNT(*) FROM jobs WHERE run_id = ? AND state = 'processing') AS open,
              (SELECT COALESCE(MAX(seq), 0) FROM jobs WHERE run_id = ?) AS total,
              (SELECT COUNT(*) FROM jobs WHERE run_id = ? AND state = 'processing' AND lease_expires_at IS NULL) AS stuck`,
    );
    // Each arm is one seek in a partial index (jobs_claim, jobs_due, jobs_lease).
    this.movable = db
      .prepare<[string, string, string], number>(
        `SELECT EXISTS (SELECT 1 FROM jobs WHERE run_id = ? AND state = 'pending')
             OR EXISTS (SELECT 1 FROM jobs WHERE run_id = ? AND state IN ('scheduled', 'retrying'))
             OR EXISTS (SELECT 1 FROM jobs WHERE run_id = ? AND state = 'processing' AND lease_expires_at IS NOT NULL)`,
      )
      .pluck();
  }

  /** True when no open job can move any more: every job is final, or the open ones are stuck. */
  settled(): boolean {
    return this.movable.get(this.runId, this.runId, this.runId) === 0;
  }

  counts(): Counts {
    const r = this.runId;
    return this.countsQuery.get(r, r, r, r, r)!;
  }
}
