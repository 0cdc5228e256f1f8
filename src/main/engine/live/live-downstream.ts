// What the defences refused in a live run, for the summary's `downstream`
// (the host's HTTP services count the rest), since those happen in the
// worker processes: a retry refused by the budget is a job dead with reason
// retry_budget in the event log; an attempt refused by the breaker or the
// throttle is read from its stored error, which the shared defence words
// (the event log names the cause of every such attempt but a job's last one,
// whose event is the job's death). Counted as instant mode counts them.
// Both live stores run the same query (LiveStore.refusedCounts).
import { THROTTLE_REFUSAL } from '../../../shared/overload/adaptive-throttling.ts';
import { BREAKER_REFUSAL } from '../../../shared/overload/circuit-breaker.ts';
import type { DownstreamSummary } from '../../../shared/overload/downstream-summary.ts';

/** The run's refusals by kind; `runId` is the store's parameter marker (? on SQLite, $1 on PostgreSQL), used once. */
export const refusalsSql = (runId: string): string => `
  WITH r AS (SELECT CAST(${runId} AS TEXT) AS id)
  SELECT 'retry_budget' AS reason, COUNT(*) AS n FROM events, r WHERE events.run_id = r.id AND events.reason = 'retry_budget'
  UNION ALL SELECT 'circuit_open', COUNT(*) FROM attempts, r WHERE attempts.run_id = r.id AND attempts.error LIKE '${BREAKER_REFUSAL} %'
  UNION ALL SELECT 'throttled', COUNT(*) FROM attempts, r WHERE attempts.run_id = r.id AND attempts.error LIKE '${THROTTLE_REFUSAL} %'`;

export function refusedFromRows(rows: readonly { reason: string; n: number | string }[]): DownstreamSummary['refused'] {
  const n = (reason: string): number => Number(rows.find((r) => r.reason === reason)?.n ?? 0);
  return { retry_budget: n('retry_budget'), circuit_open: n('circuit_open'), throttled: n('throttled') };
}
