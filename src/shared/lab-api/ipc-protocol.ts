// The LabApi over Electron IPC. The preload calls one invoke channel with
// {method, params}; the main process validates the message (and its sender)
// and answers with an envelope, never a thrown error, because Electron keeps
// only the message of an error thrown in a handler. Events come back on one
// push channel, tagged with the subscription the preload named, exactly as
// over the WebSocket (wire-protocol.ts): subscribeEvents {subscription, runId,
// afterSeq?} and unsubscribeEvents {subscription} are transport methods.
import { z } from 'zod';
import { labErrorSchema } from './lab-api-error.ts';

/** renderer -> main, ipcRenderer.invoke: a LabApi call. */
export const LAB_IPC_CALL = 'lab:call';
/** main -> renderer, webContents.send: pushed event batches (wire-protocol's eventsPushSchema). */
export const LAB_IPC_EVENTS = 'lab:events';

export const ipcRequestSchema = z.strictObject({
  method: z.string().min(1).max(100),
  params: z.unknown().optional(),
});
export type IpcRequest = z.output<typeof ipcRequestSchema>;

export const ipcReplySchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: labErrorSchema }),
]);
export type IpcReply = z.output<typeof ipcReplySchema>;
