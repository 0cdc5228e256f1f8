// A sweep as the LabApi carries it: what to vary, how far it has got, and
// each finished run with its summary. The Sweep view groups the runs into
// the grid's cells; the host stores them (src/main/sweep/sweep-store.ts).
import { z } from 'zod';
import { runSummarySchema } from '../lab-api/lab-api-shapes.ts';

/** A varied value as `--vary` reads it: a number, a boolean or a word. */
export const sweepValueSchema = z.union([z.number(), z.boolean(), z.string().min(1).max(200)]);
export type SweepValue = z.output<typeof sweepValueSchema>;

/** At most this many values per varied key, and keys per sweep in the lab (a grid has two axes). */
export const MAX_SWEEP_VALUES = 20;
export const MAX_LAB_SWEEP_KEYS = 2;
/** Runs of one sweep started through the LabApi: the host runs them on its own cores for everyone connected. */
export const MAX_LAB_SWEEP_RUNS = 400;

export const sweepVarySchema = z.strictObject({
  /** A key of the resolved scenario by its path, as `--vary` names it: workers.count, producers[0].arrival.rate. */
  path: z.string().min(1).max(200),
  values: z.array(sweepValueSchema).min(1).max(MAX_SWEEP_VALUES),
});
export type SweepVary = z.output<typeof sweepVarySchema>;

export const SWEEP_STATUSES = ['running', 'completed', 'failed', 'interrupted'] as const;

export const sweepInfoSchema = z.object({
  id: z.string(),
  /** The scenario's name. */
  scenario: z.string(),
  vary: z.array(z.object({ path: z.string(), values: z.array(sweepValueSchema) })),
  seeds: z.number().int(),
  status: z.enum(SWEEP_STATUSES),
  /** Runs planned, and runs finished so far. */
  total: z.number().int(),
  done: z.number().int(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type SweepInfo = z.output<typeof sweepInfoSchema>;

export const sweepRunSchema = z.object({
  /** Position in the plan: combination-major, then seed. */
  task: z.number().int(),
  combination: z.number().int(),
  /** The varied values of this run, by path. */
  values: z.record(z.string(), sweepValueSchema),
  seed: z.number().int(),
  runId: z.string(),
  summary: runSummarySchema,
});
export type SweepRun = z.output<typeof sweepRunSchema>;

export const sweepDetailSchema = sweepInfoSchema.extend({ runs: z.array(sweepRunSchema) });
export type SweepDetail = z.output<typeof sweepDetailSchema>;
