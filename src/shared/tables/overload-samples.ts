// The downstream side of a run over time (issue 13's charts): each service's
// utilization, calls in service, queue and open slots, and each caller's
// defences (retry-budget tokens, circuit-breaker state, adaptive throttling's
// local reject probability). One row per measured value, so a new measure is a
// new metric name, not a new column. A table of its own, not events: the
// event log is what happened to jobs, and its hash (same scenario and seed,
// same bytes) stays exactly what it was before samples were recorded.
import { z } from 'zod';
import { column, defineTable, type RowOf } from './define-table.ts';

/** Per service (name = the service). */
export const SERVICE_METRICS = ['utilization', 'in_service', 'queued', 'capacity'] as const;
/** Per caller (name = the job type). */
export const CALLER_METRICS = ['budget_tokens', 'breaker_state', 'throttle_p'] as const;
export const OVERLOAD_METRICS = [...SERVICE_METRICS, ...CALLER_METRICS] as const;
export type OverloadMetric = (typeof OVERLOAD_METRICS)[number];

/** breaker_state's values: ordered so that a step line rises with the trouble. */
export const BREAKER_STATE_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/** Who measured: instant mode's simulator, live mode's host (its services) or a live worker (its own defences). */
export const SIM_SOURCE = 'sim';
export const HOST_SOURCE = 'host';

export const overloadSamplesTable = defineTable('overload_samples', {
  runId: column('run_id', z.string()),
  /** Scenario seconds. */
  t: column('t', z.number()),
  source: column('source', z.string()),
  /** The service or the job type the metric is about. */
  name: column('name', z.string()),
  metric: column('metric', z.enum(OVERLOAD_METRICS)),
  value: column('value', z.number()),
});
export type OverloadSampleRow = RowOf<typeof overloadSamplesTable>;
/** A row as the code makes it: the run is known where it is written. */
export type OverloadSample = Omit<OverloadSampleRow, 'runId'>;
