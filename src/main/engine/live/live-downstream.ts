// What the defences refused in a live run, for the summary's `downstream`
// (the host's HTTP services count the rest): read from the event log (each
// refusal is an attempt failed with reason circuit_open or throttled, or a job
// dead with reason retry_budget), since those happen in the worker processes.
// Both live stores run the same query (LiveStore.refusedCounts).
import type { DownstreamSummary } from '../../../shared/overload/downstream-summary.ts';

/** The run's events by refusal reason; `runId` is the store's parameter marker (? on SQLite, $1 on PostgreSQL). */
export const refusalsSql = (runId: string): string =>
  `SELECT reason, COUNT(*) AS n FROM events WHERE run_id = ${runId} AND reason IN ('circuit_open', 'throttled', 'retry_budget') GROUP BY reason`;

export function refusedFromRows(rows: readonly { reason: string; n: number | string }[]): DownstreamSummary['refused'] {
  const n = (reason: string): number => Number(rows.find((r) => r.reason === reason)?.n ?? 0);
  return { retry_budget: n('retry_budget'), circuit_open: n('circuit_open'), throttled: n('throttled') };
}
