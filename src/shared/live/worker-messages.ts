// Messages between the supervisor and a live worker process. Both sides
// validate what they receive with these schemas (docs/architecture.md "Layers": every message
// that crosses a process boundary is validated at the receiving side).
import { z } from 'zod';

export const toWorkerSchema = z.discriminatedUnion('type', [
  /** Graceful shutdown: finish the current job, claim nothing new, exit 0. */
  z.strictObject({ type: z.literal('stop') }),
  /** Fault: stop heartbeating and never finish the current job (a hung process). */
  z.strictObject({ type: z.literal('hang') }),
  /** Fault: every attempt takes `factor` times longer (1 = normal again). */
  z.strictObject({ type: z.literal('slow'), factor: z.number().positive() }),
  /** Teaching switch: claim with read-then-update (two workers can take one job). */
  z.strictObject({ type: z.literal('unsafeClaim'), on: z.boolean() }),
  /** Fault fired by hand: attempts of jobType starting in [from, to) (scenario s) fail with `error`, as a scheduled outage. */
  z.strictObject({ type: z.literal('outage'), jobType: z.string().min(1), from: z.number(), to: z.number(), error: z.string() }),
  /** Scenario time 0 moved to this wall time (ms since the epoch): the run waited for its workers to come up. */
  z.strictObject({ type: z.literal('clock'), originMs: z.number() }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready'), pid: z.number().int() }),
  z.strictObject({ type: z.literal('claimed'), job: z.number().int(), attempt: z.number().int(), t: z.number() }),
  z.strictObject({
    type: z.literal('finished'),
    job: z.number().int(),
    attempt: z.number().int(),
    outcome: z.enum(['succeeded', 'failed', 'timeout']),
    /** False when the fenced complete found the lease gone. */
    accepted: z.boolean(),
    t: z.number(),
  }),
  z.strictObject({ type: z.literal('stats'), jobsDone: z.number().int(), rssBytes: z.number() }),
  z.strictObject({ type: z.literal('error'), message: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;
