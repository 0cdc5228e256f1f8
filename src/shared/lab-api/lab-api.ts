// The LabApi: everything the renderer may ask of the lab, whatever carries
// it (in-process, WebSocket, later Electron IPC). One `as const` channel map
// names each method with the schema of its params and of its result, so the
// handler (main side) and every caller are typed from the same table, and the
// receiving side validates with the same schemas (DESIGN.md: every message
// that crosses a process boundary is validated where it arrives).
//
// Results are read with z.object (not strict): a newer host may add fields,
// and an older UI should keep working. Params are strict: a misspelt field is
// an error, never a silently ignored option.
import { z } from 'zod';
import { EVENT_KINDS, type LabEvent } from '../events.ts';
import { ATTEMPT_OUTCOMES, JOB_STATES } from '../job/states.ts';
import type { RunSummary } from '../metrics/run-summary.ts';
import type { Scenario, ScenarioInput } from '../scenario/schema.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const runId = z.string().min(1).max(200);
const jobId = z.number().int().min(1);
const seq = z.number().int().min(0);

// ---- the shapes results are made of ----

export const labEventSchema = z.object({
  seq: z.number().int(),
  t: z.number(),
  job: z.number().int().nullable(),
  kind: z.enum(EVENT_KINDS),
  from: z.enum(JOB_STATES).nullable(),
  to: z.enum(JOB_STATES).nullable(),
  worker: z.string().nullable(),
  detail: z.string().nullable(),
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

// ---- chaos: faults fired by hand on the active live run ----

/** The fields of a chaos action, shared with the REST body of POST /chaos (which spells holdMs hold_ms). */
export const chaosFields = {
  /** 1-based: w1 is 1. */
  worker: z.number().int().min(1).max(1000),
  /** Scenario seconds. */
  seconds: z.number().positive().max(1_000_000),
  /** Attempts take factor times longer; 1 is normal speed again. */
  factor: z.number().positive().max(1000),
  on: z.boolean(),
  /** Scenario seconds of lock contention: the host pauses while it holds the lock, so at most 600. */
  lockSeconds: z.number().positive().max(600),
  /** Wall ms of each hold of the write lock (the scenario's lockContention.holdMs). */
  holdMs: z.number().int().min(1).max(5000),
};

export const chaosParamsSchema = z.discriminatedUnion('action', [
  /** SIGKILL the worker mid-job. */
  z.strictObject({ action: z.literal('kill'), worker: chaosFields.worker }),
  /** The worker stops heartbeating; after `seconds` (none: never) the supervisor kills and replaces it. */
  z.strictObject({ action: z.literal('hang'), worker: chaosFields.worker, seconds: chaosFields.seconds.nullable().default(null) }),
  z.strictObject({ action: z.literal('slow'), worker: chaosFields.worker, factor: chaosFields.factor }),
  /** The teaching switch, for every worker. */
  z.strictObject({ action: z.literal('unsafe_claim'), on: chaosFields.on }),
  /** The host holds SQLite's write lock holdMs at a time, every other holdMs, for `seconds`. */
  z.strictObject({ action: z.literal('lock_contention'), seconds: chaosFields.lockSeconds, holdMs: chaosFields.holdMs.default(200) }),
]);
export type ChaosParams = z.output<typeof chaosParamsSchema>;

/** ok: false when nothing was done (the worker is between a crash and its restart, ...); detail says what happened. */
export const chaosResultSchema = z.object({ ok: z.boolean(), detail: z.string() });

// ---- the channel map ----

/** At most this many events per listEvents call and per pushed batch. */
export const MAX_EVENTS_PER_CALL = 5000;

const noParams = z.strictObject({});

export const LAB_METHODS = {
  /** The built-in scenarios, with what each teaches. */
  listScenarios: { params: noParams, result: z.array(scenarioInfoSchema) },
  /** Parses and validates scenario text; every issue at once, nothing runs. */
  validateScenario: {
    params: z.strictObject({ text: z.string().max(1_000_000), format: z.enum(['yaml', 'json']).default('yaml') }),
    result: validationResultSchema,
  },
  /** Runs a scenario (an object as a file holds it, or a built-in's key) in instant mode and stores it. */
  runInstant: {
    params: z
      .strictObject({
        scenario: z.record(z.string(), z.unknown()).optional(),
        builtinKey: z.string().min(1).optional(),
        seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
        store: z.enum(['full', 'none']).default('full'),
      })
      .refine((p) => (p.scenario === undefined) !== (p.builtinKey === undefined), {
        path: ['scenario'],
        message: 'give exactly one of scenario or builtinKey',
      }),
    result: runSummarySchema,
  },
  /** Newest first. */
  listRuns: { params: noParams, result: z.array(runInfoSchema) },
  getRun: { params: z.strictObject({ id: runId }), result: runDetailSchema },
  /** The live run the host is serving (its REST endpoints act on it), if any. */
  getActiveRun: { params: noParams, result: z.object({ runId: z.string() }).nullable() },
  /** By jobs.id, or by the job's number in the run (what events call `job`). */
  getJob: {
    params: z
      .strictObject({ runId, jobId: jobId.optional(), seq: z.number().int().min(1).optional() })
      .refine((p) => (p.jobId === undefined) !== (p.seq === undefined), { path: ['jobId'], message: 'give exactly one of jobId or seq' }),
    result: jobInfoSchema,
  },
  /** Events in seq order, after `afterSeq` (0: from the start). */
  listEvents: {
    params: z.strictObject({
      runId,
      afterSeq: seq.default(0),
      limit: z.number().int().min(1).max(MAX_EVENTS_PER_CALL).default(1000),
    }),
    result: z.array(labEventSchema),
  },
  listDead: { params: z.strictObject({ runId }), result: z.array(deadJobInfoSchema) },
  /** dead -> pending with a fresh set of attempts: one job, or every dead job of the run. */
  retryDead: {
    params: z
      .strictObject({ runId, jobId: jobId.optional(), all: z.literal(true).optional() })
      .refine((p) => (p.jobId === undefined) !== (p.all === undefined), { path: ['jobId'], message: 'give exactly one of jobId or all: true' }),
    result: z.object({ retried: z.number().int() }),
  },
  /** dead -> cancelled ("forgotten"); the event keeps the errors. */
  forgetDead: { params: z.strictObject({ runId, jobId }), result: z.object({ forgotten: z.number().int() }) },
  /** A fault fired now on the active live run (rejects no_active_run without one); writes a fault event. */
  chaos: { params: chaosParamsSchema, result: chaosResultSchema },
} as const;

export type LabMethod = keyof typeof LAB_METHODS;
export const LAB_METHOD_NAMES = Object.keys(LAB_METHODS) as LabMethod[];

/** What a caller passes (defaults may be left out). */
export type LabParams<M extends LabMethod> = z.input<(typeof LAB_METHODS)[M]['params']>;
/** What a handler receives (defaults filled in). */
export type LabParsedParams<M extends LabMethod> = z.output<(typeof LAB_METHODS)[M]['params']>;
export type LabResult<M extends LabMethod> = z.output<(typeof LAB_METHODS)[M]['result']>;

export function isLabMethod(name: string): name is LabMethod {
  return Object.prototype.hasOwnProperty.call(LAB_METHODS, name);
}

// ---- the event stream ----

export const subscribeParamsSchema = z.strictObject({ runId, afterSeq: seq.default(0) });
export type SubscribeParams = z.input<typeof subscribeParamsSchema>;

/** A batch of a run's new events, in seq order, with no gap after the previous batch. */
export interface EventBatch {
  runId: string;
  events: LabEvent[];
}

export type Unsubscribe = () => void;

// ---- the interface every transport offers ----

// A method whose params are all optional may be called with none: api.listRuns().
type Call<M extends LabMethod> =
  Record<string, never> extends LabParams<M>
    ? (params?: LabParams<M>) => Promise<LabResult<M>>
    : (params: LabParams<M>) => Promise<LabResult<M>>;

export type LabApiMethods = { [M in LabMethod]: Call<M> };

export interface LabApi extends LabApiMethods {
  /**
   * Streams a run's events from `afterSeq` on: first what is stored, then
   * new events as they are written. Rejects (not_found) for an unknown run.
   */
  subscribeEvents(params: SubscribeParams, listener: (batch: EventBatch) => void): Promise<Unsubscribe>;
}

/** What a handler on the receiving side implements for each method. */
export type LabHandlers = { [M in LabMethod]: (params: LabParsedParams<M>) => LabResult<M> | Promise<LabResult<M>> };

/** Builds the methods of a LabApi from one generic call (a WebSocket, IPC invoke, ...). */
export function labMethodsFrom(call: (method: LabMethod, params: unknown) => Promise<unknown>): LabApiMethods {
  const methods: Record<string, (params?: unknown) => Promise<unknown>> = {};
  for (const name of LAB_METHOD_NAMES) methods[name] = (params) => call(name, params ?? {});
  return methods as unknown as LabApiMethods;
}

// ---- errors ----

export const LAB_ERROR_CODES = [
  'unknown_method', // no such method in LAB_METHODS
  'bad_params', // params do not match the method's schema; `field` names the first bad one
  'bad_message', // not JSON, or not a request envelope
  'not_found', // no such run or job
  'not_dead', // a dead-letter action on a job that is not dead
  'no_active_run', // chaos without a running live run in this host
  'invalid_scenario', // the scenario has errors (`issues` lists them); nothing ran
  'disconnected', // the transport closed before the reply came
  'internal', // anything else; the message says what
] as const;
export type LabErrorCode = (typeof LAB_ERROR_CODES)[number];

export const labErrorSchema = z.object({
  code: z.enum(LAB_ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
  issues: z.array(scenarioIssueSchema).optional(),
});
export type LabErrorInfo = z.output<typeof labErrorSchema>;

/** How every transport rejects a call, so callers can switch on `code`. */
export class LabApiError extends Error {
  readonly code: LabErrorCode;
  readonly field: string | undefined;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(info: LabErrorInfo) {
    super(info.message);
    this.name = 'LabApiError';
    this.code = info.code;
    this.field = info.field;
    this.issues = info.issues;
  }

  toInfo(): LabErrorInfo {
    const info: LabErrorInfo = { code: this.code, message: this.message };
    if (this.field !== undefined) info.field = this.field;
    if (this.issues !== undefined) info.issues = this.issues;
    return info;
  }
}
