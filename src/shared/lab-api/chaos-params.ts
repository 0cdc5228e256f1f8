// Chaos: faults fired by hand on the active live run, through the LabApi's
// `chaos` and the web host's POST /chaos. The two share these fields, so a
// button and a curl line are checked alike (the REST body spells holdMs
// hold_ms, the seeds' snake_case; every other field is the same).
import { z } from 'zod';

/** The fields of a chaos action. */
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
  /** A job type of the run's scenario. */
  type: z.string().min(1).max(200),
  /** A service of the run's scenario. */
  service: z.string().min(1).max(200),
  /** The fraction of a service's slots left open: 0 is an outage, below 1 a drop. */
  capacity: z.number().min(0).lt(1),
};

/** The actions whose params are the same over REST and the LabApi. */
export const commonChaosActions = [
  /** SIGKILL the worker mid-job. */
  z.strictObject({ action: z.literal('kill'), worker: chaosFields.worker }),
  /** The worker stops heartbeating; after `seconds` (none: never) the supervisor kills and replaces it. */
  z.strictObject({ action: z.literal('hang'), worker: chaosFields.worker, seconds: chaosFields.seconds.nullable().default(null) }),
  z.strictObject({ action: z.literal('slow'), worker: chaosFields.worker, factor: chaosFields.factor }),
  /** The teaching switch, for every worker. */
  z.strictObject({ action: z.literal('unsafe_claim'), on: chaosFields.on }),
  /** One more worker slot (w{n+1}), started now. */
  z.strictObject({ action: z.literal('add_worker') }),
  /** Graceful: the worker (default: the highest-numbered running one) finishes its job and is not replaced. */
  z.strictObject({ action: z.literal('remove_worker'), worker: chaosFields.worker.optional() }),
  /** Every attempt of job type `type` that starts in the next `seconds` fails, as a scheduled outage does. */
  z.strictObject({ action: z.literal('outage'), type: chaosFields.type, seconds: chaosFields.seconds }),
  /** Service `service` runs at `capacity` of its slots (0: down) for the next `seconds`, as a scheduled window does. */
  z.strictObject({ action: z.literal('capacity_drop'), service: chaosFields.service, capacity: chaosFields.capacity, seconds: chaosFields.seconds }),
  /** Enqueues one job (of `type`, default the first producer's) that fails every attempt and ends dead. */
  z.strictObject({ action: z.literal('poison'), type: chaosFields.type.optional() }),
] as const;

export const chaosParamsSchema = z.discriminatedUnion('action', [
  ...commonChaosActions,
  /** The host holds SQLite's write lock holdMs at a time, every other holdMs, for `seconds`. */
  z.strictObject({ action: z.literal('lock_contention'), seconds: chaosFields.lockSeconds, holdMs: chaosFields.holdMs.default(200) }),
]);
export type ChaosParams = z.output<typeof chaosParamsSchema>;
export type ChaosAction = ChaosParams['action'];

/** ok: false when nothing was done (the worker is between a crash and its restart, ...); detail says what happened. */
export const chaosResultSchema = z.object({ ok: z.boolean(), detail: z.string() });
