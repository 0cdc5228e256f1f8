// The LabApi over a message channel (the WebSocket at /api/ws): JSON text
// frames, one message each.
//
//   client -> server  { id, method, params }                 a call
//   server -> client  { id, ok: true, result }               its answer
//                     { id, ok: false, error: {code, message, field?, issues?} }
//                     { type: 'events', subscription, runId, events }   pushed
//
// Replies may come out of order; match them by id. A frame the server cannot
// read (not JSON, no usable id) gets a reply with id null and code
// bad_message, and the connection stays open. The event stream is two more
// methods, handled by the transport because they belong to a connection:
// subscribeEvents {subscription, runId, afterSeq?} -> {subscription}, and
// unsubscribeEvents {subscription} -> {unsubscribed}. The client names the
// subscription, so it can listen before it asks: a push may arrive in the
// same network read as the reply that confirms the subscription.
import { z } from 'zod';
import { labErrorSchema, labEventSchema, subscribeParamsSchema } from './lab-api.ts';

export const requestIdSchema = z.union([z.number().int(), z.string().min(1).max(100)]);
export type RequestId = z.output<typeof requestIdSchema>;

export const requestSchema = z.strictObject({
  id: requestIdSchema,
  method: z.string().min(1).max(100),
  params: z.unknown().optional(),
});
export type WireRequest = z.output<typeof requestSchema>;

export const responseSchema = z.discriminatedUnion('ok', [
  z.strictObject({ id: requestIdSchema.nullable(), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ id: requestIdSchema.nullable(), ok: z.literal(false), error: labErrorSchema }),
]);
export type WireResponse = z.output<typeof responseSchema>;

export const eventsPushSchema = z.strictObject({
  type: z.literal('events'),
  subscription: z.string(),
  runId: z.string(),
  events: z.array(labEventSchema),
});
export type EventsPush = z.output<typeof eventsPushSchema>;

export const subscriptionIdSchema = z.string().min(1).max(100);

/** Transport-level methods: the event stream, per connection. */
export const STREAM_METHODS = {
  subscribeEvents: {
    params: subscribeParamsSchema.extend({ subscription: subscriptionIdSchema }),
    result: z.object({ subscription: z.string() }),
  },
  unsubscribeEvents: {
    params: z.strictObject({ subscription: subscriptionIdSchema }),
    result: z.object({ unsubscribed: z.boolean() }),
  },
} as const;
export type StreamMethod = keyof typeof STREAM_METHODS;

export function isStreamMethod(name: string): name is StreamMethod {
  return Object.prototype.hasOwnProperty.call(STREAM_METHODS, name);
}

/** Largest frame either side accepts (a scenario text fits many times over). */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
