// The LabApi over WebSocket (/api/ws), server side: every frame is read
// against the wire schemas before anything acts on it, every call gets
// exactly one reply, and a frame that cannot be read gets an error reply
// (id null when it carried no usable id) on a connection that stays open.
import type { WebSocket, WebSocketServer } from 'ws';
import { checkAgainst } from '../../shared/lab-api/check-params.ts';
import { LabApiError, type LabErrorInfo } from '../../shared/lab-api/lab-api.ts';
import {
  isStreamMethod,
  requestIdSchema,
  requestSchema,
  STREAM_METHODS,
  type EventsPush,
  type RequestId,
  type WireResponse,
} from '../../shared/lab-api/wire-protocol.ts';
import { openSubscription } from './subscription-slot.ts';
import type { LabApiServer } from './lab-api-server.ts';

/** A socket with more than this much unsent data gets no events until it drains. */
const BACKLOG_BYTES = 1024 * 1024;
/** Subscriptions one connection may hold. */
const MAX_SUBSCRIPTIONS = 64;
/** A peer that does not answer a ping within this long is gone. */
const PING_MS = 30_000;

export function serveLabSockets(wss: WebSocketServer, server: LabApiServer, log: (line: string) => void): () => void {
  const alive = new WeakSet<WebSocket>();
  wss.on('connection', (socket) => {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
    new LabSocket(socket, server, log);
  });
  const pinger = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, PING_MS);
  pinger.unref();
  return () => clearInterval(pinger);
}

class LabSocket {
  private readonly subscriptions = new Map<string, () => void>();

  constructor(
    private readonly socket: WebSocket,
    private readonly server: LabApiServer,
    private readonly log: (line: string) => void,
  ) {
    socket.on('message', (data, isBinary) => {
      void this.receive(isBinary ? null : data.toString());
    });
    socket.on('close', () => this.endAll());
    socket.on('error', (error) => log(`LabApi socket: ${error.message}`));
  }

  private async receive(text: string | null): Promise<void> {
    if (text === null) return this.fail(null, { code: 'bad_message', message: 'binary frames are not part of the LabApi; send JSON text' });
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (error) {
      return this.fail(null, { code: 'bad_message', message: `not valid JSON: ${(error as Error).message}` });
    }
    // The frame's schema reads only id and method (scalars) and leaves params unwalked, so no nesting limit here:
    // the params get the shared limit where they are checked, with the method's name in the message.
    const request = checkAgainst(requestSchema, message, 'message', Infinity);
    if (!request.ok) {
      // Answer under the sender's id when it gave a usable one, so its call does not hang.
      const id = requestIdSchema.safeParse((message as { id?: unknown } | null)?.id);
      return this.fail(id.success ? id.data : null, { code: 'bad_message', field: request.field, message: `not a LabApi request: ${request.message}` });
    }
    const { id, method, params } = request.data;
    try {
      const result = isStreamMethod(method) ? await this.stream(method, params) : await this.server.dispatch(method, params);
      this.send({ id, ok: true, result });
    } catch (error) {
      const info = error instanceof LabApiError ? error.toInfo() : { code: 'internal' as const, message: (error as Error).message };
      this.fail(id, info);
    }
  }

  private async stream(method: 'subscribeEvents' | 'unsubscribeEvents', params: unknown): Promise<unknown> {
    const checked = checkAgainst(STREAM_METHODS[method].params, params ?? {}, 'params');
    if (!checked.ok) throw new LabApiError({ code: 'bad_params', field: checked.field, message: `${method}: ${checked.message}` });
    const subscription = checked.data.subscription;
    if (method === 'unsubscribeEvents') {
      const end = this.subscriptions.get(subscription);
      this.subscriptions.delete(subscription);
      end?.();
      return { unsubscribed: end !== undefined };
    }
    if (this.subscriptions.has(subscription)) {
      throw new LabApiError({ code: 'bad_params', field: 'subscription', message: `subscribeEvents: subscription ${JSON.stringify(subscription)} is already in use on this connection` });
    }
    if (this.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      throw new LabApiError({ code: 'bad_params', field: 'subscription', message: `subscribeEvents: at most ${MAX_SUBSCRIPTIONS} subscriptions per connection` });
    }
    const { runId, afterSeq } = checked.data as { runId: string; afterSeq: number };
    await openSubscription(this.subscriptions, subscription, () =>
      this.server.subscribe(
        { runId, afterSeq },
        {
          deliver: (events) => this.send({ type: 'events', subscription, runId, events } satisfies EventsPush),
          ready: () => this.socket.readyState === this.socket.OPEN && this.socket.bufferedAmount < BACKLOG_BYTES,
        },
      ),
    );
    return { subscription };
  }

  private fail(id: RequestId | null, error: LabErrorInfo): void {
    this.send({ id, ok: false, error });
  }

  private send(message: WireResponse | EventsPush): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(JSON.stringify(message));
  }

  private endAll(): void {
    for (const end of this.subscriptions.values()) end();
    this.subscriptions.clear();
  }
}
