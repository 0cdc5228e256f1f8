// What the defences refused in a live run, for the summary's `downstream`
// (the host's HTTP services count the rest): read from the event log (each refusal is an attempt
// failed with reason circuit_open or throttled, or a job dead with reason
// retry_budget), since those happen in the worker processes.
import type { DownstreamSummary } from '../../../shared/overload/downstream-summary.ts';
import type { DB } from '../store/open-database.ts';

export function refusedFromEvents(db: DB, runId: string): DownstreamSummary['refused'] {
  const rows = db
    .prepare<[string], { reason: string; n: number }>(
      `SELECT reason, COUNT(*) AS n FROM events WHERE run_id = ? AND reason IN ('circuit_open', 'throttled', 'retry_budget') GROUP BY reason`,
    )
    .all(runId);
  const n = (reason: string): number => rows.find((r) => r.reason === reason)?.n ?? 0;
  return { retry_budget: n('retry_budget'), circuit_open: n('circuit_open'), throttled: n('throttled') };
}
