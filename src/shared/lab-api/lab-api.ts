// The LabApi: everything the renderer may ask of the lab, whatever carries
// it (in-process, WebSocket, Electron IPC). One `as const` channel map
// names each method with the schema of its params and of its result, so the
// handler (main side) and every caller are typed from the same table, and the
// receiving side validates with the same schemas (docs/architecture.md "Layers": every message
// that crosses a process boundary is validated where it arrives).
//
// Params are strict: a misspelt field is an error, never a silently ignored
// option. The result shapes live in lab-api-shapes.ts, chaos in
// chaos-params.ts, errors in lab-api-error.ts; all are re-exported here.
import { z } from 'zod';
import type { LabEvent } from '../events.ts';
import type { TimelineSnapshot } from '../timeline/index.ts';
import { MAX_LAB_SWEEP_KEYS, sweepDetailSchema, sweepInfoSchema, sweepVarySchema } from '../sweep/sweep-shapes.ts';
import { chaosParamsSchema, chaosResultSchema } from './chaos-params.ts';
import { overloadSeriesSchema } from '../overload/overload-series.ts';
import {
  attemptInfoSchema,
  deadJobInfoSchema,
  jobInfoSchema,
  labEventSchema,
  runDetailSchema,
  runInfoSchema,
  runSummarySchema,
  scenarioInfoSchema,
  validationResultSchema,
  isRecord,
} from './lab-api-shapes.ts';

export * from './lab-api-shapes.ts';
export * from './chaos-params.ts';
export * from './lab-api-error.ts';
export * from '../sweep/sweep-shapes.ts';

const runId = z.string().min(1).max(200);
const jobId = z.number().int().min(1);
const seq = z.number().int().min(0);

/** A scenario as a file holds it, or a built-in's key: exactly one. */
const scenarioSource = {
  scenario: z.record(z.string(), z.unknown()).optional(),
  builtinKey: z.string().min(1).optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
};
const oneScenarioSource: [(p: { scenario?: unknown; builtinKey?: unknown }) => boolean, { path: string[]; message: string }] = [
  (p) => (p.scenario === undefined) !== (p.builtinKey === undefined),
  { path: ['scenario'], message: 'give exactly one of scenario or builtinKey' },
];

/** One job of a run: by jobs.id, or by its number in the run (what events call `job`). */
const oneJob: [(p: { jobId?: unknown; seq?: unknown }) => boolean, { path: string[]; message: string }] = [
  (p) => (p.jobId === undefined) !== (p.seq === undefined),
  { path: ['jobId'], message: 'give exactly one of jobId or seq' },
];

// ---- the channel map ----

/** At most this many events per listEvents call and per pushed batch. */
export const MAX_EVENTS_PER_CALL = 5000;

const noParams = z.strictObject({});

/** What exportReport writes; PDF is the desktop shell's (Electron's printToPDF of the HTML). */
export const REPORT_EXPORT_FORMATS = ['html', 'json'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];

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
    params: z.strictObject({ ...scenarioSource, store: z.enum(['full', 'none']).default('full') }).refine(...oneScenarioSource),
    result: runSummarySchema,
  },
  /**
   * Starts a live run in the host: real worker processes, scenario time scaled
   * to wall time. It becomes the active run (REST endpoints and chaos act on
   * it). Answers once the run is stored and its workers are starting; rejects
   * run_active while another live run is running here.
   */
  startLive: {
    params: z
      .strictObject({
        ...scenarioSource,
        /** Wall seconds per scenario second: 0.05 plays 1 s of the scenario in 50 ms. */
        timeScale: z.number().min(0.0001).max(100).default(0.05),
        /** Overrides workers.count. */
        workers: z.number().int().min(1).max(64).optional(),
      })
      .refine(...oneScenarioSource),
    result: z.object({ runId: z.string() }),
  },
  /**
   * Continues a stopped (interrupted) live run, as `queue-lab resume` does:
   * jobs done stay done, jobs the stopped workers held come back when their
   * leases expire, the producer goes on from its last arrival. It becomes the
   * active run; rejects run_active while another live run is running here, and
   * bad_params for an instant run or one that is not interrupted.
   */
  resumeRun: {
    params: z.strictObject({
      runId,
      /** Wall seconds per scenario second, as in startLive. */
      timeScale: z.number().min(0.0001).max(100).default(0.05),
    }),
    result: z.object({ runId: z.string() }),
  },
  /**
   * Stops the active live run: graceful lets workers finish their jobs (up to
   * a grace period), kill SIGKILLs them. The run ends interrupted (resumable).
   * stopped is false when the run exists but is not running in this host.
   */
  stopRun: {
    params: z.strictObject({ runId, how: z.enum(['graceful', 'kill']).default('graceful') }),
    result: z.object({ stopped: z.boolean() }),
  },
  /** Newest first. */
  listRuns: { params: noParams, result: z.array(runInfoSchema) },
  getRun: { params: z.strictObject({ id: runId }), result: runDetailSchema },
  /** The live run the host is serving (its REST endpoints act on it), if any. */
  getActiveRun: { params: noParams, result: z.object({ runId: z.string() }).nullable() },
  /** By jobs.id, or by the job's number in the run (what events call `job`). */
  getJob: {
    params: z.strictObject({ runId, jobId: jobId.optional(), seq: z.number().int().min(1).optional() }).refine(...oneJob),
    result: jobInfoSchema,
  },
  /** A job's attempts, first first: worker, times, outcome, error, the backoff chosen and its policy, the lease. */
  listAttempts: {
    params: z.strictObject({ runId, jobId: jobId.optional(), seq: z.number().int().min(1).optional() }).refine(...oneJob),
    result: z.array(attemptInfoSchema),
  },
  /**
   * The run's RunTimeline (src/shared/timeline) as a snapshot of everything
   * stored so far: RunTimeline.fromSnapshot rebuilds it, and events after
   * seq = snapshot.eventCount (seqs run 1..n) continue it.
   */
  getTimeline: {
    params: z.strictObject({ runId }),
    result: z.custom<TimelineSnapshot>((v) => isRecord(v) && v.v === 1, { message: 'expected a timeline snapshot (v: 1)' }),
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
  /**
   * The downstream side over time (src/shared/tables/overload-samples.ts):
   * each service's utilization, calls in service, queue and open slots, and
   * each job type's retry-budget tokens, breaker state and throttling
   * probability, one series per source, name and metric. Empty for a run
   * without services; a live run's grows while it runs.
   */
  getOverloadSeries: { params: z.strictObject({ runId }), result: z.array(overloadSeriesSchema) },
  /** dead -> pending with a fresh set of attempts: one job, or every dead job of the run. */
  retryDead: {
    params: z
      .strictObject({ runId, jobId: jobId.optional(), all: z.literal(true).optional() })
      .refine((p) => (p.jobId === undefined) !== (p.all === undefined), { path: ['jobId'], message: 'give exactly one of jobId or all: true' }),
    result: z.object({ retried: z.number().int() }),
  },
  /** dead -> cancelled ("forgotten"); the event keeps the errors. */
  forgetDead: { params: z.strictObject({ runId, jobId }), result: z.object({ forgotten: z.number().int() }) },
  /** The sweeps stored in this lab, newest first, with how far each has got. */
  listSweeps: { params: noParams, result: z.array(sweepInfoSchema) },
  /**
   * Starts a sweep: the scenario once per combination of the varied keys (one
   * or two: the grid's axes) and per seed, in instant mode on the host's
   * cores, every run stored. Answers at once with its id; getSweep shows the
   * progress. Rejects run_active while another sweep runs here.
   */
  startSweep: {
    params: z
      .strictObject({
        ...scenarioSource,
        vary: z.array(sweepVarySchema).min(1).max(MAX_LAB_SWEEP_KEYS),
        /** Runs per combination: seeds base, base + 1, ... */
        seeds: z.number().int().min(1).max(20).default(1),
      })
      .refine(...oneScenarioSource),
    result: z.object({ sweepId: z.string() }),
  },
  /** A sweep and every run of it finished so far (task order), each with its summary. */
  getSweep: { params: z.strictObject({ sweepId: z.string().min(1).max(200) }), result: sweepDetailSchema },
  /** A fault fired now on the active live run (rejects no_active_run without one); writes a fault event. */
  chaos: { params: chaosParamsSchema, result: chaosResultSchema },
  /**
   * A finished, stored run's report as one file's text: the self-contained
   * HTML report (`queue-lab report --format html`) or its data as JSON. The
   * caller saves it (a browser download, the desktop's save dialog).
   */
  exportReport: {
    params: z.strictObject({ runId, format: z.enum(REPORT_EXPORT_FORMATS) }),
    result: z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() }),
  },
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
