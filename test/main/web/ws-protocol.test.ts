// The WebSocket transport at the frame level, over a real socket: every
// frame gets a reply (unknown methods, bad params, frames that are not JSON
// or not requests), and the connection stays usable after each of them.
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { connectWsLabClient, labSocketUrl } from '../../../src/shared/lab-api/ws-client.ts';
import { LabApiError } from '../../../src/shared/lab-api/lab-api.ts';
import { cleanUp, onCleanUp, startHost } from './web-helpers.ts';

afterEach(cleanUp);

interface RawPeer {
  send(frame: string | Buffer): void;
  /** The next frame the server sends, parsed. */
  next(): Promise<Record<string, unknown>>;
  socket: WebSocket;
}

async function rawPeer(url: string, headers: Record<string, string> = {}): Promise<RawPeer> {
  const socket = new WebSocket(labSocketUrl(url), { headers });
  const inbox: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as Record<string, unknown>;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  onCleanUp(() => socket.terminate());
  return {
    socket,
    send: (frame) => socket.send(frame),
    next: () => {
      const ready = inbox.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

async function call(peer: RawPeer, frame: unknown): Promise<Record<string, unknown>> {
  peer.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  return peer.next();
}

describe('LabApi over WebSocket: frames', () => {
  it('answers a call under its id', async () => {
    const host = await startHost();
    const peer = await rawPeer(host.url);
    expect(await call(peer, { id: 'a1', method: 'listRuns', params: {} })).toEqual({ id: 'a1', ok: true, result: [] });
    // params may be left out when a method needs none
    expect(await call(peer, { id: 2, method: 'getActiveRun' })).toEqual({ id: 2, ok: true, result: null });
  });

  it('an unknown method gets an explicit error naming it, not silence', async () => {
    const host = await startHost();
    const peer = await rawPeer(host.url);
    for (const method of ['deleteEverything', 'constructor', '__proto__', 'toString']) {
      const reply = await call(peer, { id: 7, method, params: {} });
      expect(reply).toMatchObject({ id: 7, ok: false, error: { code: 'unknown_method' } });
      expect((reply.error as { message: string }).message).toContain(JSON.stringify(method));
    }
    expect(await call(peer, { id: 8, method: 'listRuns' })).toMatchObject({ id: 8, ok: true });
  });

  it('bad params get an error naming the field', async () => {
    const host = await startHost();
    const peer = await rawPeer(host.url);
    const reply = await call(peer, { id: 1, method: 'listEvents', params: { runId: 'r', limit: 'lots' } });
    expect(reply).toMatchObject({ id: 1, ok: false, error: { code: 'bad_params', field: 'limit' } });
    expect((reply.error as { message: string }).message).toBe('listEvents: limit: expected an integer, got "lots"');
    const notObject = await call(peer, { id: 2, method: 'getRun', params: [1, 2] });
    expect(notObject).toMatchObject({ id: 2, ok: false, error: { code: 'bad_params', field: 'params' } });
    const sub = await call(peer, { id: 3, method: 'subscribeEvents', params: { runId: 'r' } });
    expect(sub).toMatchObject({ id: 3, ok: false, error: { code: 'bad_params', field: 'subscription' } });
  });

  it('a frame that is not JSON gets an error reply, and the connection stays usable', async () => {
    const host = await startHost();
    const peer = await rawPeer(host.url);
    const reply = await call(peer, '{"id": 1, "method": ');
    expect(reply).toMatchObject({ id: null, ok: false, error: { code: 'bad_message' } });
    expect((reply.error as { message: string }).message).toMatch(/^not valid JSON/);
    expect(await call(peer, Buffer.from([1, 2, 3]))).toMatchObject({ id: null, ok: false, error: { code: 'bad_message' } });
    expect(await call(peer, { id: 4, method: 'listRuns' })).toEqual({ id: 4, ok: true, result: [] });
    expect(peer.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('a JSON frame that is not a request is refused under its id when it has one', async () => {
    const host = await startHost();
    const peer = await rawPeer(host.url);
    expect(await call(peer, { id: 5, params: {} })).toMatchObject({ id: 5, ok: false, error: { code: 'bad_message', field: 'method' } });
    expect(await call(peer, { id: 6, method: 'listRuns', extra: 1 })).toMatchObject({ id: 6, ok: false, error: { code: 'bad_message', field: 'extra' } });
    expect(await call(peer, [1, 2])).toMatchObject({ id: null, ok: false, error: { code: 'bad_message' } });
    expect(await call(peer, { id: { x: 1 }, method: 'listRuns' })).toMatchObject({ id: null, ok: false, error: { code: 'bad_message', field: 'id' } });
    expect(await call(peer, { id: 9, method: 'listRuns' })).toMatchObject({ id: 9, ok: true });
  });

  it('subscriptions: events are pushed under the subscription the client named; unsubscribe ends them', async () => {
    const host = await startHost();
    const peer = await rawPeer(host.url);
    const run = await call(peer, { id: 1, method: 'runInstant', params: { builtinKey: 'go-worker-pool', store: 'full' } });
    const runId = (run.result as { run_id: string }).run_id;
    expect(await call(peer, { id: 2, method: 'subscribeEvents', params: { subscription: 'mine', runId, afterSeq: 0 } })).toEqual({
      id: 2, ok: true, result: { subscription: 'mine' },
    });
    const push = await peer.next();
    expect(push).toMatchObject({ type: 'events', subscription: 'mine', runId });
    expect((push.events as { seq: number }[])[0]!.seq).toBe(1);
    const again = await call(peer, { id: 3, method: 'subscribeEvents', params: { subscription: 'mine', runId } });
    // Pushes of the first subscription may come before the reply.
    let reply = again;
    while (reply.type === 'events') reply = await peer.next();
    expect(reply).toMatchObject({ id: 3, ok: false, error: { code: 'bad_params', field: 'subscription' } });
    peer.send(JSON.stringify({ id: 4, method: 'unsubscribeEvents', params: { subscription: 'mine' } }));
    do reply = await peer.next();
    while (reply.type === 'events');
    expect(reply).toEqual({ id: 4, ok: true, result: { unsubscribed: true } });
  });

  it('refuses a socket opened by a page of another origin (cross-site WebSocket hijacking)', async () => {
    const host = await startHost();
    await expect(rawPeer(host.url, { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
    const same = await rawPeer(host.url, { Origin: host.url.replace(/\/$/, '') });
    expect(await call(same, { id: 1, method: 'listRuns' })).toMatchObject({ ok: true });
  });

  it('only /api/ws speaks WebSocket', async () => {
    const host = await startHost();
    const socket = new WebSocket(new URL('/elsewhere', host.url.replace('http', 'ws')).toString());
    await expect(new Promise((_, reject) => socket.once('error', reject))).rejects.toThrow(/404/);
  });

  it('the client rejects pending calls with disconnected when the host goes away', async () => {
    const host = await startHost();
    const closed: string[] = [];
    const client = await connectWsLabClient(labSocketUrl(host.url), { WebSocket, onClose: () => closed.push('closed') });
    expect(client.connected).toBe(true);
    const pending = client.runInstant({ builtinKey: 'mm3-baseline', store: 'none' });
    const failure = pending.then(
      () => null,
      (error: unknown) => error,
    );
    await host.close();
    const error = await failure;
    // The run may have finished before the host closed; if not, the call must fail plainly.
    if (error !== null) expect(error).toMatchObject({ code: 'disconnected' });
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toEqual(['closed']);
    expect(client.connected).toBe(false);
    await expect(client.listRuns()).rejects.toBeInstanceOf(LabApiError);
  });
});
