// The shapes LabApi results are made of (runs, jobs, attempts, events, dead
// letters). Results are read with z.object (not strict): a newer host may add
// fields, and an older UI should keep working.
import { z } from 'zod';
import type { LabEvent } from '../events.ts';
import { ATTEMPT_OUTCOMES } from '../job/states.ts';
import type { RunSummary } from '../metrics/run-summary.ts';
import type { Scenario, ScenarioInput } from '../scenario/schema.ts';
import { deadJobsTable, eventsTable, jobsTable, runsTable } from '../tables/index.ts';

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const labEventSchema = eventsTable.schema.omit({ runId: true }).extend({
  // Optional: a run stored before these columns existed has none.
  outcome: eventsTable.columns.outcome.type.optional(),
  reason: eventsTable.columns.reason.type.optional(),
});
// The wire shape and the engine's LabEvent must stay one type.
type _SameEvent = [LabEvent, z.output<typeof labEventSchema>] extends [z.output<typeof labEventSchema>, LabEvent] ? true : never;
const _sameEvent: _SameEvent = true;
void _sameEvent;

export const scenarioInfoSchema = z.object({
  key: z.string(),
  title: z.string(),
  source: z.string(),
  teaches: z.string(),
  notice: z.string(),
  /** The built-in this one is compared with (the same scenario but for one policy). */
  twin: z.string().optional(),
  scenario: z.custom<ScenarioInput>(isRecord),
});
export type ScenarioInfo = z.output<typeof scenarioInfoSchema>;

export const scenarioIssueSchema = z.object({ path: z.string(), message: z.string() });

export const validationResultSchema = z.union([
  z.object({ ok: z.literal(true), scenario: z.custom<Scenario>(isRecord) }),
  z.object({ ok: z.literal(false), issues: z.array(scenarioIssueSchema) }),
]);
export type ValidationResultInfo = z.output<typeof validationResultSchema>;

export const runSummarySchema = z.custom<RunSummary>((v) => isRecord(v) && typeof v.run_id === 'string');

/** A row of `runs` with its summary parsed (the scenario too, in RunDetail). */
export const runInfoSchema = runsTable.schema.omit({ scenarioJson: true, summaryJson: true }).extend({
  summary: runSummarySchema.nullable(),
});
export type RunInfo = z.output<typeof runInfoSchema>;

export const runDetailSchema = runInfoSchema.extend({
  /** The resolved scenario the run was made from (as stored in runs.scenario_json). */
  scenarioSpec: z.custom<ScenarioInput>(isRecord).nullable(),
});
export type RunDetail = z.output<typeof runDetailSchema>;

/** One row of `jobs`, as the store's JobRecord has it. */
export const jobInfoSchema = jobsTable.schema.omit({ runId: true });
export type JobInfo = z.output<typeof jobInfoSchema>;

/** One row of `dead_jobs` as the store's DeadJob has it: with the job's seq, the errors parsed. */
export const deadJobInfoSchema = deadJobsTable.schema.omit({ runId: true, errors: true }).extend({
  seq: z.number().int(),
  /** Every attempt's error, first attempt first. */
  errors: z.array(z.string().nullable()),
});
export type DeadJobInfo = z.output<typeof deadJobInfoSchema>;

export const attemptOutcomeSchema = z.enum(ATTEMPT_OUTCOMES);

/**
 * The wait the engine chose after a failed attempt, and the policy that
 * produced it, so the inspector can show "1 s x 2^2 = 4 s, full jitter -> 2.71 s"
 * next to the numbers. kind .. jitter are the job type's resolved retry
 * policy (the run's scenario with the type's override applied).
 */
export const attemptBackoffSchema = z.object({
  /** Seconds before jitter (capped at max). */
  base: z.number(),
  /** Seconds actually waited. */
  delay: z.number(),
  /** The engine's own explanation, as stored in attempts.backoff_formula. */
  formula: z.string(),
  kind: z.enum(['fixed', 'linear', 'exponential']).nullable(),
  initial: z.number().nullable(),
  factor: z.number().nullable(),
  max: z.number().nullable(),
  jitter: z.enum(['none', 'full', 'equal', 'decorrelated']).nullable(),
});
export type AttemptBackoff = z.output<typeof attemptBackoffSchema>;

/** One row of `attempts`: one try of a job. Times are scenario seconds. */
export const attemptInfoSchema = z.object({
  /** 1 for the first try; keeps counting across retries from the dead-letter table. */
  attempt: z.number().int(),
  worker: z.string().nullable(),
  startedAt: z.number(),
  /** null while the attempt runs. */
  endedAt: z.number().nullable(),
  outcome: attemptOutcomeSchema.nullable(),
  error: z.string().nullable(),
  /** The wait before the next attempt; null when none was scheduled (success, death, recovery). */
  backoff: attemptBackoffSchema.nullable(),
  /** The job's lease while this attempt holds it (the open attempt of a processing job); else null. */
  lease: z.object({ owner: z.string().nullable(), expiresAt: z.number().nullable(), heartbeatAt: z.number().nullable() }).nullable(),
  /** True when the lease expired and the job was taken back (outcome lost or crashed). */
  recovered: z.boolean(),
});
export type AttemptInfo = z.output<typeof attemptInfoSchema>;
