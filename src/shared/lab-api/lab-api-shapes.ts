// The shapes LabApi results are made of (runs, jobs, attempts, events, dead
// letters). Results are read with z.object (not strict): a newer host may add
// fields, and an older UI should keep working.
import { z } from 'zod';
import { EVENT_KINDS, type LabEvent } from '../events.ts';
import { ATTEMPT_OUTCOMES, JOB_STATES } from '../job/states.ts';
import { REASONS } from '../lifecycle/reasons.ts';
import type { RunSummary } from '../metrics/run-summary.ts';
import type { Scenario, ScenarioInput } from '../scenario/schema.ts';

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const labEventSchema = z.object({
  seq: z.number().int(),
  t: z.number(),
  job: z.number().int().nullable(),
  kind: z.enum(EVENT_KINDS),
  from: z.enum(JOB_STATES).nullable(),
  to: z.enum(JOB_STATES).nullable(),
  worker: z.string().nullable(),
  detail: z.string().nullable(),
  // Optional: a run stored before these columns existed has none.
  outcome: z.enum(ATTEMPT_OUTCOMES).nullable().optional(),
  reason: z.enum(REASONS).nullable().optional(),
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

export const runInfoSchema = z.object({
  id: z.string(),
  /** jobs.id of this run's jobs is num * 2^32 + seq. */
  num: z.number().int().nullable(),
  /** The scenario's name. */
  scenario: z.string(),
  mode: z.enum(['instant', 'live']),
  seed: z.number().int(),
  status: z.enum(['running', 'completed', 'failed', 'interrupted']),
  storeLevel: z.enum(['full', 'none']),
  /** Wall clock, ISO 8601. */
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Scenario seconds reached. */
  simTime: z.number(),
  error: z.string().nullable(),
  ownerPid: z.number().int().nullable(),
  summary: runSummarySchema.nullable(),
});
export type RunInfo = z.output<typeof runInfoSchema>;

export const runDetailSchema = runInfoSchema.extend({
  /** The resolved scenario the run was made from (as stored in runs.scenario_json). */
  scenarioSpec: z.custom<ScenarioInput>(isRecord).nullable(),
});
export type RunDetail = z.output<typeof runDetailSchema>;

/** One row of `jobs`, as the store's JobRecord has it. */
export const jobInfoSchema = z.object({
  jobId: z.number().int(),
  seq: z.number().int(),
  queue: z.string(),
  type: z.string(),
  state: z.enum(JOB_STATES),
  priority: z.number().int(),
  /** Attempts in this round (compared with maxAttempts). */
  attempts: z.number().int(),
  /** Attempts made before the job was last retried from the dead-letter table. */
  attemptBase: z.number().int(),
  maxAttempts: z.number().int(),
  payload: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  enqueuedAt: z.number(),
  dueAt: z.number(),
  firstClaimedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  leaseOwner: z.string().nullable(),
  leaseExpiresAt: z.number().nullable(),
  heartbeatAt: z.number().nullable(),
  progress: z.number(),
  parentId: z.number().int().nullable(),
  batchId: z.number().int().nullable(),
  lastError: z.string().nullable(),
  cancelReason: z.string().nullable(),
  completions: z.number().int(),
});
export type JobInfo = z.output<typeof jobInfoSchema>;

export const deadJobInfoSchema = z.object({
  jobId: z.number().int(),
  seq: z.number().int(),
  queue: z.string(),
  type: z.string(),
  payload: z.string().nullable(),
  attempts: z.number().int(),
  /** Every attempt's error, first attempt first. */
  errors: z.array(z.string().nullable()),
  reason: z.string(),
  diedAt: z.number(),
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
