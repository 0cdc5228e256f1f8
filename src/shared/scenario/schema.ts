// The scenario file format, defined once. Every key has a default so a
// five-line file is valid; every object is strict so a typo is an error
// instead of a silent fallback. The fixed keys (docs/architecture.md "Contracts") are kept exactly.
import { z } from 'zod';
import { durationSchema, retryOverrideSchema, retrySchema, type backoffSchema, type jitterSchema } from './schema-parts.ts';
import {
  adaptiveThrottlingSchema, circuitBreakerSchema, jobCallSchema, retryBudgetSchema, serviceSchema,
} from './overload-schema.ts';

const seconds = z.number().finite().min(0);
const positive = z.number().finite().positive();
const probability = z.number().finite().min(0).max(1);
const count = (max: number) => z.number().int().min(0).max(max);

/** Upper bound on jobs per producer: large enough for a million-job run, small enough to refuse 1e12. */
export const MAX_JOBS_PER_PRODUCER = 10_000_000;

export { backoffSchema, durationSchema, jitterSchema, retryOverrideSchema, retrySchema } from './schema-parts.ts';

export const jobTypeSchema = z.strictObject({
  duration: durationSchema.default({ kind: 'exponential', mean: 1 }),
  failureRate: probability.default(0),
  timeout: positive.default(60),
  retry: retryOverrideSchema.optional(),
  error: z.string().default('handler failed'),
  calls: jobCallSchema.optional(),
  retryBudget: retryBudgetSchema.optional(),
  circuitBreaker: circuitBreakerSchema.optional(),
  adaptiveThrottling: adaptiveThrottlingSchema.optional(),
});

export const rateLimitSchema = z.strictObject({
  max: z.number().int().min(1),
  per: positive.default(60),
});

export const queueSchema = z.strictObject({
  name: z.string().min(1),
  priority: z.number().int().default(10),
  rateLimit: rateLimitSchema.optional(),
});

export const arrivalSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('poisson'), rate: positive }),
  z.strictObject({ kind: z.literal('constant'), rate: positive }),
  z.strictObject({ kind: z.literal('burst'), size: z.number().int().min(1), every: positive }),
  z.strictObject({ kind: z.literal('all-at-once') }),
]);

export const producerSchema = z.strictObject({
  queue: z.string().min(1).default('default'),
  jobType: z.string().min(1).optional(),
  count: count(MAX_JOBS_PER_PRODUCER).default(100),
  arrival: arrivalSchema.default({ kind: 'poisson', rate: 1 }),
  start: seconds.default(0),
  delay: seconds.default(0),
  priority: z.number().int().optional(),
  then: z.array(z.string().min(1)).max(20).default([]),
  batch: z.strictObject({ size: z.number().int().min(1) }).optional(),
  duplicateRate: probability.default(0),
});

export const workersSchema = z.strictObject({
  count: z.number().int().min(1).max(1000).default(3),
  concurrency: z.number().int().min(1).max(1000).default(1),
  queues: z.array(z.string().min(1)).optional(),
  pollInterval: seconds.default(0),
  maxJobs: z.number().int().min(1).optional(),
  /** MB of resident memory; live mode recycles a worker above it (Laravel's --memory). */
  maxMemory: z.number().int().min(16).max(65536).optional(),
  restartDelay: seconds.default(1),
  restart: z.enum(['always', 'never']).default('always'),
});

const worker = z.number().int().min(1);
const window = { from: seconds, to: seconds };

export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('workerCrash'), at: seconds.optional(), rate: positive.optional(), worker: worker.optional() }),
  z.strictObject({ kind: z.literal('workerHang'), at: seconds, worker: worker.default(1), duration: positive.optional() }),
  z.strictObject({ kind: z.literal('slowWorker'), worker: worker.default(1), factor: positive.default(5), ...window }),
  z.strictObject({ kind: z.literal('outage'), jobType: z.string().min(1), ...window, error: z.string().default('downstream unavailable (503)') }),
  z.strictObject({ kind: z.literal('failFirst'), jobType: z.string().min(1), attempts: z.number().int().min(1) }),
  z.strictObject({ kind: z.literal('poison'), jobType: z.string().min(1), fraction: probability }),
  z.strictObject({ kind: z.literal('slowJobs'), jobType: z.string().min(1), fraction: probability, factor: positive.default(10) }),
  z.strictObject({ kind: z.literal('downstreamRateLimit'), jobType: z.string().min(1), max: z.number().int().min(1), per: positive.default(1) }),
  z.strictObject({ kind: z.literal('lockContention'), ...window, holdMs: positive.default(200) }),
  z.strictObject({ kind: z.literal('unsafeClaim'), window: positive.default(0.05) }),
  z.strictObject({ kind: z.literal('noVisibilityTimeout') }),
]);

// Object defaults are functions so that every parse gets its own copies: a
// shared default object would carry one run's mutation into the next scenario.
export const scenarioSchema = z.strictObject({
  name: z.string().default('untitled scenario'),
  description: z.string().optional(),
  notice: z.string().optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  queues: z.array(queueSchema).min(1).default(() => [{ name: 'default', priority: 10 }]),
  jobTypes: z.record(z.string().min(1), jobTypeSchema).default(() => ({ work: jobTypeSchema.parse({}) })),
  producers: z.array(producerSchema).min(1).default(() => [producerSchema.parse({})]),
  workers: workersSchema.prefault({}),
  retry: retrySchema.prefault({}),
  visibilityTimeout: positive.default(60),
  heartbeatInterval: positive.default(5),
  stopAt: positive.optional(),
  faults: z.array(faultSchema).default([]),
  services: z.record(z.string().min(1), serviceSchema).optional(),
  calls: jobCallSchema.optional(),
  retryBudget: retryBudgetSchema.optional(),
  circuitBreaker: circuitBreakerSchema.optional(),
  adaptiveThrottling: adaptiveThrottlingSchema.optional(),
});

/** What a user writes: every key optional. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** What the engine runs: defaults filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
export type DurationSpec = z.output<typeof durationSchema>;
export type BackoffSpec = z.output<typeof backoffSchema>;
export type Jitter = z.output<typeof jitterSchema>;
export type RetryPolicy = z.output<typeof retrySchema>;
export type JobTypeSpec = z.output<typeof jobTypeSchema>;
export type QueueSpec = z.output<typeof queueSchema>;
export type ArrivalSpec = z.output<typeof arrivalSchema>;
export type ProducerSpec = z.output<typeof producerSchema>;
export type WorkersSpec = z.output<typeof workersSchema>;
export type FaultSpec = z.output<typeof faultSchema>;
export type {
  AdaptiveThrottlingSpec, CapacityWindow, CircuitBreakerSpec, JobCallSpec, LayerCallSpec, RetryBudgetSpec, ServiceSpec,
} from './overload-schema.ts';
