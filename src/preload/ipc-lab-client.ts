// The LabApi over Electron IPC, renderer side, written against the two
// ipcRenderer calls it uses so that tests can run it on an in-memory pair
// (no Electron here). Calls go through one invoke channel and come back as
// envelopes; pushed event batches arrive on one channel and are handed to
// the listener of the subscription they name. Both are validated on arrival.
import { checkAgainst } from '../shared/lab-api/check-params.ts';
import { ipcReplySchema, LAB_IPC_CALL, LAB_IPC_EVENTS } from '../shared/lab-api/ipc-protocol.ts';
import { LabApiError, labMethodsFrom, type EventBatch, type LabApi } from '../shared/lab-api/lab-api.ts';
import { eventsPushSchema } from '../shared/lab-api/wire-protocol.ts';

/** The part of Electron's ipcRenderer the client uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createIpcLabClient(ipc: IpcRendererLike, log: (line: string) => void = () => undefined): LabApi {
  const listeners = new Map<string, (batch: EventBatch) => void>();
  // Names unique to this page load: a reload starts a fresh client, and the
  // main side may still hold the old page's subscriptions for a moment.
  const prefix = `p${Math.random().toString(36).slice(2, 10)}-`;
  let next = 0;

  ipc.on(LAB_IPC_EVENTS, (_event, message) => {
    const push = eventsPushSchema.safeParse(message);
    if (!push.success) return log(`LabApi IPC: dropped a malformed event push: ${push.error.message.slice(0, 200)}`);
    listeners.get(push.data.subscription)?.({ runId: push.data.runId, events: push.data.events });
  });

  async function call(method: string, params: unknown): Promise<unknown> {
    const raw = await ipc.invoke(LAB_IPC_CALL, { method, params });
    const reply = checkAgainst(ipcReplySchema, raw, 'reply');
    if (!reply.ok) throw new LabApiError({ code: 'bad_message', message: `LabApi IPC: the main process answered something unreadable: ${reply.message}` });
    if (!reply.data.ok) throw new LabApiError(reply.data.error);
    return reply.data.result;
  }

  return {
    ...labMethodsFrom(call),
    async subscribeEvents(params, listener) {
      const subscription = `${prefix}${++next}`;
      listeners.set(subscription, listener);
      try {
        await call('subscribeEvents', { ...params, subscription });
      } catch (error) {
        listeners.delete(subscription);
        throw error;
      }
      return () => {
        if (!listeners.delete(subscription)) return;
        call('unsubscribeEvents', { subscription }).catch((error: unknown) => log(`LabApi IPC: unsubscribe: ${(error as Error).message}`));
      };
    },
  };
}
