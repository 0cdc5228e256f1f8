// Electron's IPC and contextBridge, in memory, for testing the IPC adapters
// without the binary. What they copy they copy the way Electron documents:
// IPC messages with the structured clone algorithm; an error thrown by an
// invoke handler reaches the renderer as a new Error whose message wraps the
// original; across the contextBridge, functions are proxied, values copied,
// and an Error keeps its message only (custom fields like `code` are lost).
import type { IpcInvokeEventLike, IpcMainLike, IpcSenderLike } from '../../../src/main/ipc/ipc-lab-server.ts';
import type { IpcRendererLike } from '../../../src/preload/ipc-lab-client.ts';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;
type Listener = (event: unknown, ...args: unknown[]) => void;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

let nextId = 1;

/** One window: its webContents (the sender main sees) and its ipcRenderer (what the preload uses). */
export class FakeWindow implements IpcSenderLike {
  readonly id = nextId++;
  /** The URL of the frame that sends; null once it is gone. */
  frameUrl: string | null;
  readonly sent: { channel: string; message: unknown }[] = [];
  private destroyed = false;
  private readonly destroyedListeners: (() => void)[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  constructor(
    private readonly main: FakeIpcMain,
    url: string,
  ) {
    this.frameUrl = url;
  }

  // ---- webContents, as the main process sees it ----
  send(channel: string, message: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const copy = structuredClone(message);
    this.sent.push({ channel, message: copy });
    setImmediate(() => {
      for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer' }, copy);
    });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  once(_event: 'destroyed', listener: () => void): this {
    this.destroyedListeners.push(listener);
    return this;
  }

  destroy(): void {
    this.destroyed = true;
    this.frameUrl = null;
    for (const listener of this.destroyedListeners.splice(0)) listener();
  }

  // ---- ipcRenderer, as the preload sees it ----
  readonly renderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const handler = this.main.handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const event: IpcInvokeEventLike = { sender: this, senderFrame: this.frameUrl === null ? null : { url: this.frameUrl } };
      try {
        return structuredClone(await handler(event, ...args.map((a) => structuredClone(a))));
      } catch (error) {
        throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
      }
    },
    on: (channel, listener) => {
      const list = this.listeners.get(channel) ?? [];
      list.push(listener);
      this.listeners.set(channel, list);
      return this.renderer;
    },
  };
}

/** What the page (main world) gets from contextBridge.exposeInMainWorld(key, value). */
export function acrossBridge<T>(value: T): T {
  return copyAcross(value) as T;
}

function copyAcross(value: unknown): unknown {
  if (typeof value === 'function') {
    return (...args: unknown[]) => {
      let result: unknown;
      try {
        result = (value as (...a: unknown[]) => unknown)(...args.map(copyAcross));
      } catch (error) {
        throw new Error((error as Error).message);
      }
      if (result instanceof Promise) {
        return result.then(copyAcross, (error: unknown) => Promise.reject(new Error((error as Error).message)));
      }
      return copyAcross(result);
    };
  }
  if (value instanceof Error) return new Error(value.message);
  if (Array.isArray(value)) return value.map(copyAcross);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyAcross(v)]));
  }
  return value;
}
