// The keys of the overload model (issue 13): downstream services with a
// capacity, the calls job types make to them, and the client-side defences
// that keep retries from holding a service down (README.md "Services" and
// "Defences"). Kept apart from schema.ts so that file stays the job side.
import { z } from 'zod';
import { durationSchema, retryOverrideSchema } from './schema-parts.ts';

const seconds = z.number().finite().min(0);
const positive = z.number().finite().positive();
const fraction = z.number().finite().min(0).max(1);

/** A stretch of time when a service has only part of its slots: 0 is an outage. */
export const capacityWindowSchema = z.strictObject({
  from: seconds,
  to: seconds,
  capacity: fraction.default(0),
});

/** A job type's call to a service; the caller gives up after `timeout`. */
export const jobCallSchema = z.strictObject({
  service: z.string().min(1),
  timeout: positive.optional(),
});

/** A service's call to the next layer, with that layer's own retries. */
export const layerCallSchema = z.strictObject({
  service: z.string().min(1),
  timeout: positive.optional(),
  retry: retryOverrideSchema.optional(),
});

export const serviceSchema = z.strictObject({
  concurrency: z.number().int().min(1).max(10_000).default(10),
  serviceTime: durationSchema.default({ kind: 'exponential', mean: 0.1 }),
  failureRate: fraction.default(0),
  queueLimit: z.number().int().min(0).max(10_000_000).optional(),
  calls: layerCallSchema.optional(),
  windows: z.array(capacityWindowSchema).max(100).default([]),
});

/** AWS SDK "standard" retry mode's numbers (aws-sdk-java-v2 / botocore): 500 tokens, retry 5, timeout retry 10, +1 per success. */
export const AWS_SDK_BUDGET = { capacity: 500, perSuccess: 1, perRequest: 0, retryCost: 5, timeoutRetryCost: 10 } as const;
/** The SRE book's "retries at most 10% of requests": a tenth of a token per request, a token per retry, a small cap. */
export const SRE_10PCT_BUDGET = { capacity: 10, perSuccess: 0, perRequest: 0.1, retryCost: 1, timeoutRetryCost: 1 } as const;

export const retryBudgetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('aws-sdk') }),
  z.strictObject({ kind: z.literal('sre-10pct') }),
  z.strictObject({
    kind: z.literal('tokenBucket'),
    capacity: positive.default(AWS_SDK_BUDGET.capacity),
    initial: seconds.optional(),
    perSuccess: seconds.default(AWS_SDK_BUDGET.perSuccess),
    perRequest: seconds.default(AWS_SDK_BUDGET.perRequest),
    retryCost: seconds.default(AWS_SDK_BUDGET.retryCost),
    timeoutRetryCost: seconds.default(AWS_SDK_BUDGET.timeoutRetryCost),
  }),
]);

export const circuitBreakerSchema = z.strictObject({
  failureRatio: z.number().finite().gt(0).max(1).default(0.5),
  window: positive.default(10),
  minimumCalls: z.number().int().min(1).default(10),
  openFor: positive.default(5),
  halfOpenProbes: z.number().int().min(1).default(3),
});

export const adaptiveThrottlingSchema = z.strictObject({
  k: z.number().finite().min(1).default(2),
  window: positive.default(60),
});

export type CapacityWindow = z.output<typeof capacityWindowSchema>;
export type JobCallSpec = z.output<typeof jobCallSchema>;
export type LayerCallSpec = z.output<typeof layerCallSchema>;
export type ServiceSpec = z.output<typeof serviceSchema>;
export type RetryBudgetSpec = z.output<typeof retryBudgetSchema>;
export type CircuitBreakerSpec = z.output<typeof circuitBreakerSchema>;
export type AdaptiveThrottlingSpec = z.output<typeof adaptiveThrottlingSchema>;
