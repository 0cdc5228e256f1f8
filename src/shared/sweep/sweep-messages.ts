// Messages between a sweep and its worker processes (src/main/sweep). Both
// sides validate what they receive with these schemas, as every other
// process boundary does (docs/architecture.md "Layers"): a worker that is not ours, a stale
// build or a bug on either side then fails the sweep with a message naming
// the field, instead of filling a result slot with whatever arrived.
import { z } from 'zod';
import { runSummarySchema } from '../lab-api/lab-api-shapes.ts';

/** The position of a run in the sweep's plan. */
const index = z.number().int().min(0);

export const toSweepWorkerSchema = z.discriminatedUnion('type', [
  /** Run this scenario in instant mode. It was resolved by the sweep; the worker validates it again. */
  z.strictObject({ type: z.literal('run'), index, scenario: z.record(z.string(), z.unknown()) }),
]);
export type ToSweepWorker = z.output<typeof toSweepWorkerSchema>;

export const fromSweepWorkerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('done'), index, summary: runSummarySchema }),
  /** index null: the message the worker got could not be read, so it names no run. */
  z.strictObject({ type: z.literal('failed'), index: index.nullable(), message: z.string() }),
]);
export type FromSweepWorker = z.output<typeof fromSweepWorkerSchema>;
