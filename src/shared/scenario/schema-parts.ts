// The scenario keys both halves of the schema use: durations and the retry
// policy (schema.ts is the job side, overload-schema.ts the service side).
import { z } from 'zod';

const seconds = z.number().finite().min(0);
const positive = z.number().finite().positive();

export const durationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), value: seconds }),
  z.strictObject({ kind: z.literal('uniform'), min: seconds, max: seconds }),
  z.strictObject({ kind: z.literal('exponential'), mean: seconds }),
  z.strictObject({ kind: z.literal('normal'), mean: seconds, sd: seconds }),
  z.strictObject({ kind: z.literal('lognormal'), mean: positive, sd: seconds }),
]);

const backoffKind = z.enum(['fixed', 'linear', 'exponential']);
const backoffFactor = z.number().finite().min(1);

export const backoffSchema = z.strictObject({
  kind: backoffKind.default('exponential'),
  initial: seconds.default(1),
  factor: backoffFactor.default(2),
  max: seconds.default(300),
});

/**
 * The same keys with no defaults: `backoffSchema.partial()` would still fill
 * kind/initial/factor/max with the defaults above, so `backoff: { max: 10 }`
 * in a job type would silently replace the global kind instead of keeping it.
 */
const backoffOverrideSchema = z.strictObject({
  kind: backoffKind.optional(),
  initial: seconds.optional(),
  factor: backoffFactor.optional(),
  max: seconds.optional(),
});

export const jitterSchema = z.enum(['none', 'full', 'equal', 'decorrelated']);

export const retrySchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(1000).default(3),
  backoff: backoffSchema.prefault({}),
  jitter: jitterSchema.default('full'),
});

/** A job type may override any part of the global retry policy. */
export const retryOverrideSchema = z.strictObject({
  maxAttempts: z.number().int().min(1).max(1000).optional(),
  backoff: backoffOverrideSchema.optional(),
  jitter: jitterSchema.optional(),
});
