// The LabApi in a browser: calls over the web host's WebSocket (/api/ws).
// It needs only a WebSocket constructor: the browser's global one by
// default, or one passed in (Node 20 has no global WebSocket; tests pass the
// `ws` package's). Every frame that arrives is validated: the envelope with
// the wire schemas, each result with its method's result schema.
import {
  LabApiError,
  LAB_METHODS,
  labMethodsFrom,
  type EventBatch,
  type LabApi,
  type LabMethod,
  type SubscribeParams,
  type Unsubscribe,
} from './lab-api.ts';
import { eventsPushSchema, MAX_FRAME_BYTES, responseSchema, STREAM_METHODS, type StreamMethod, type WireResponse } from './wire-protocol.ts';

/** The part of a WebSocket (browser or `ws`) this client uses. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
}
export type WebSocketConstructorLike = new (url: string) => WebSocketLike;

export interface WsLabClientOptions {
  /** Defaults to globalThis.WebSocket. */
  WebSocket?: WebSocketConstructorLike;
  /** A frame that fails validation (a host of another version, a bug); by default it is dropped with a console warning. */
  onProtocolError?: (message: string) => void;
  /** The connection closed; pending calls have been rejected with code disconnected. */
  onClose?: () => void;
}

export interface WsLabClient extends LabApi {
  close(): void;
  readonly connected: boolean;
}

const OPEN = 1;

/** ws://host/api/ws for the page's own host (http -> ws, https -> wss). */
export function labSocketUrl(pageUrl: string): string {
  const url = new URL('/api/ws', pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Opens the socket; resolves once it is open. */
export function connectWsLabClient(url: string, options: WsLabClientOptions = {}): Promise<WsLabClient> {
  const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructorLike }).WebSocket;
  if (!Ctor) return Promise.reject(new Error('no WebSocket implementation: pass one as options.WebSocket'));
  const socket = new Ctor(url);
  return new Promise((resolve, reject) => {
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      resolve(new Connection(socket, options).client);
    });
    socket.addEventListener('error', () => {
      if (!opened) reject(new Error(`cannot connect to ${url}`));
    });
    socket.addEventListener('close', () => {
      if (!opened) reject(new Error(`cannot connect to ${url}: closed`));
    });
  });
}

interface Pending {
  method: LabMethod | StreamMethod;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

class Connection {
  private nextId = 1;
  private nextSubscription = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, (batch: EventBatch) => void>();
  private open = true;
  readonly client: WsLabClient;

  constructor(
    private readonly socket: WebSocketLike,
    private readonly options: WsLabClientOptions,
  ) {
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => this.closed());
    const client = {
      ...labMethodsFrom((method, params) => this.call(method, params)),
      subscribeEvents: (params: SubscribeParams, listener: (batch: EventBatch) => void) => this.subscribe(params, listener),
      close: () => socket.close(1000, 'client closed'),
    };
    this.client = Object.defineProperty(client, 'connected', { get: () => this.open, enumerable: true }) as WsLabClient;
  }

  private call(method: LabMethod | StreamMethod, params: unknown): Promise<unknown> {
    if (!this.open || this.socket.readyState !== OPEN) {
      return Promise.reject(new LabApiError({ code: 'disconnected', message: `${method}: the connection to the lab is closed` }));
    }
    const id = this.nextId++;
    const frame = JSON.stringify({ id, method, params });
    if (frame.length > MAX_FRAME_BYTES) {
      return Promise.reject(new LabApiError({ code: 'bad_params', field: 'params', message: `${method}: params too large to send` }));
    }
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      this.socket.send(frame);
    });
  }

  private async subscribe(params: SubscribeParams, listener: (batch: EventBatch) => void): Promise<Unsubscribe> {
    // Listen first: the first push may be read in the same chunk as the reply.
    const subscription = `s${this.nextSubscription++}`;
    this.listeners.set(subscription, listener);
    try {
      await this.call('subscribeEvents', { ...params, subscription });
    } catch (error) {
      this.listeners.delete(subscription);
      throw error;
    }
    return () => {
      if (!this.listeners.delete(subscription)) return;
      // Best effort: a closed socket has no subscriptions left to end.
      this.call('unsubscribeEvents', { subscription }).catch(() => undefined);
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return this.protocolError('a binary frame');
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return this.protocolError('a frame that is not JSON');
    }
    if (typeof message === 'object' && message !== null && 'type' in message) {
      const push = eventsPushSchema.safeParse(message);
      if (!push.success) return this.protocolError(`a malformed push: ${push.error.issues[0]?.message ?? ''}`);
      // Events of a subscription ended here but still in flight are dropped.
      this.listeners.get(push.data.subscription)?.({ runId: push.data.runId, events: push.data.events });
      return;
    }
    const response = responseSchema.safeParse(message);
    if (!response.success) return this.protocolError(`a malformed reply: ${response.error.issues[0]?.message ?? ''}`);
    this.settle(response.data);
  }

  private settle(response: WireResponse): void {
    if (typeof response.id !== 'number' || !this.pending.has(response.id)) {
      // id null: the server could not read one of our frames, which this client never sends on purpose.
      return this.protocolError(
        response.ok ? `a reply to no call (id ${String(response.id)})` : `an error for no call: ${response.error.code}: ${response.error.message}`,
      );
    }
    const call = this.pending.get(response.id)!;
    this.pending.delete(response.id);
    if (!response.ok) return call.reject(new LabApiError(response.error));
    const schema = call.method in STREAM_METHODS ? STREAM_METHODS[call.method as StreamMethod].result : LAB_METHODS[call.method as LabMethod].result;
    const result = schema.safeParse(response.result);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'result';
      return call.reject(new LabApiError({ code: 'internal', message: `${call.method}: the host answered with an unexpected ${where}: ${issue?.message ?? ''}` }));
    }
    call.resolve(result.data);
  }

  private closed(): void {
    if (!this.open) return;
    this.open = false;
    this.listeners.clear();
    for (const [, call] of this.pending) {
      call.reject(new LabApiError({ code: 'disconnected', message: `${call.method}: the connection to the lab closed before it answered` }));
    }
    this.pending.clear();
    this.options.onClose?.();
  }

  private protocolError(what: string): void {
    const message = `LabApi WebSocket: ignored ${what}`;
    if (this.options.onProtocolError) this.options.onProtocolError(message);
    else console.warn(message);
  }
}
