// The LabApi over Electron IPC, main side, written against the few calls of
// ipcMain and webContents it uses (no `electron` import: tests drive it with
// an in-memory pair). Every invoke is checked twice before anything acts on
// it: its sender must be a frame showing our own app (not a page that got
// into the window somehow), and the message must be a LabApi request whose
// params pass the method's schema (LabApiServer.dispatch). The answer is an
// envelope, never a thrown error, so the code and field reach the renderer.
import { checkAgainst } from '../../shared/lab-api/check-params.ts';
import { ipcRequestSchema, LAB_IPC_CALL, LAB_IPC_EVENTS, type IpcReply, type IpcRequest } from '../../shared/lab-api/ipc-protocol.ts';
import { LabApiError, type LabErrorInfo } from '../../shared/lab-api/lab-api.ts';
import { isStreamMethod, STREAM_METHODS, type EventsPush } from '../../shared/lab-api/wire-protocol.ts';
import type { LabApiServer } from '../web/lab-api-server.ts';
import { openSubscription } from '../web/subscription-slot.ts';

/** The webContents that sent a message. */
export interface IpcSenderLike {
  readonly id: number;
  send(channel: string, message: unknown): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcInvokeEventLike {
  readonly sender: IpcSenderLike;
  /** Null when the frame has navigated away or is gone (Electron's IpcMainInvokeEvent.senderFrame). */
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface LabIpcOptions {
  /** Whether a frame at this URL is our app (electron-policy.ts isAppUrl). */
  isAllowedSender(url: string): boolean;
  log(line: string): void;
}

/** Subscriptions one window may hold, as on a WebSocket connection. */
const MAX_SUBSCRIPTIONS = 64;

export type IpcCheck = { ok: true; request: IpcRequest } | { ok: false; error: LabErrorInfo };

/** The sender and envelope checks, before any method is looked at. */
export function validateIpcRequest(senderUrl: string | null, payload: unknown, isAllowedSender: (url: string) => boolean): IpcCheck {
  if (senderUrl === null || !isAllowedSender(senderUrl)) {
    return { ok: false, error: { code: 'forbidden', message: `the LabApi answers only the app's own pages, not ${senderUrl === null ? 'a frame that is gone' : JSON.stringify(senderUrl)}` } };
  }
  const request = checkAgainst(ipcRequestSchema, payload, 'message');
  if (!request.ok) return { ok: false, error: { code: 'bad_message', field: request.field, message: `not a LabApi request: ${request.message}` } };
  return { ok: true, request: request.data };
}

/** Registers the LabApi handler; returns the function that removes it and ends every subscription. */
export function serveLabIpc(ipc: IpcMainLike, server: LabApiServer, options: LabIpcOptions): () => void {
  /** Per window (webContents id): subscription name -> its end. */
  const windows = new Map<number, Map<string, () => void>>();

  function subscriptionsOf(sender: IpcSenderLike): Map<string, () => void> {
    let subs = windows.get(sender.id);
    if (!subs) {
      const created = new Map<string, () => void>();
      windows.set(sender.id, created);
      sender.once('destroyed', () => {
        for (const end of created.values()) end();
        windows.delete(sender.id);
      });
      subs = created;
    }
    return subs;
  }

  async function stream(sender: IpcSenderLike, method: 'subscribeEvents' | 'unsubscribeEvents', params: unknown): Promise<unknown> {
    const checked = checkAgainst(STREAM_METHODS[method].params, params ?? {}, 'params');
    if (!checked.ok) throw new LabApiError({ code: 'bad_params', field: checked.field, message: `${method}: ${checked.message}` });
    const subs = subscriptionsOf(sender);
    const subscription = checked.data.subscription;
    if (method === 'unsubscribeEvents') {
      const end = subs.get(subscription);
      subs.delete(subscription);
      end?.();
      return { unsubscribed: end !== undefined };
    }
    if (subs.has(subscription)) throw new LabApiError({ code: 'bad_params', field: 'subscription', message: `subscribeEvents: subscription ${JSON.stringify(subscription)} is already in use in this window` });
    if (subs.size >= MAX_SUBSCRIPTIONS) throw new LabApiError({ code: 'bad_params', field: 'subscription', message: `subscribeEvents: at most ${MAX_SUBSCRIPTIONS} subscriptions per window` });
    const { runId, afterSeq } = checked.data as { runId: string; afterSeq: number };
    await openSubscription(subs, subscription, () =>
      server.subscribe(
        { runId, afterSeq },
        {
          deliver: (events) => {
            if (!sender.isDestroyed()) sender.send(LAB_IPC_EVENTS, { type: 'events', subscription, runId, events } satisfies EventsPush);
          },
          ready: () => !sender.isDestroyed(),
        },
      ),
    );
    return { subscription };
  }

  ipc.handle(LAB_IPC_CALL, async (event, payload): Promise<IpcReply> => {
    const check = validateIpcRequest(event.senderFrame?.url ?? null, payload, options.isAllowedSender);
    if (!check.ok) {
      if (check.error.code === 'forbidden') options.log(`LabApi IPC: refused a call: ${check.error.message}`);
      return { ok: false, error: check.error };
    }
    const { method, params } = check.request;
    try {
      const result = isStreamMethod(method) ? await stream(event.sender, method, params) : await server.dispatch(method, params);
      return { ok: true, result };
    } catch (error) {
      const info = error instanceof LabApiError ? error.toInfo() : { code: 'internal' as const, message: (error as Error).message ?? String(error) };
      return { ok: false, error: info };
    }
  });

  return () => {
    ipc.removeHandler(LAB_IPC_CALL);
    for (const subs of windows.values()) for (const end of subs.values()) end();
    windows.clear();
  };
}
