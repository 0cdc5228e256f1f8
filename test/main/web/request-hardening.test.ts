// What the hardening review found at the doors of the web host (issue 10):
// a deeply nested body must be a 400 naming the problem, not a 500 with a
// stack overflow in the log; bodies only as application/json (415 with the
// curl flag otherwise), so a cross-site form cannot post; and the same
// nesting limit on the LabApi over WebSocket.
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { connectWsLabClient, labSocketUrl, type WebSocketConstructorLike } from '../../../src/shared/lab-api/ws-client.ts';
import { cleanUp, liveRun, onCleanUp, startHost } from './web-helpers.ts';

afterEach(cleanUp);

const nested = (levels: number, inner = ''): string => '['.repeat(levels) + inner + ']'.repeat(levels);

async function post(base: string, path: string, body: string, contentType: string | null = 'application/json') {
  const headers: Record<string, string> = contentType === null ? {} : { 'Content-Type': contentType };
  const res = await fetch(new URL(path, base), { method: 'POST', body: new TextEncoder().encode(body), headers });
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

async function withRun() {
  const host = await startHost();
  const run = liveRun(host.dbFile);
  host.setActiveRun(run);
  const jobs = () => run.db.prepare('SELECT COUNT(*) FROM jobs').pluck().get();
  return { host, run, jobs };
}

describe('REST: payload nesting', () => {
  it('a 20,000-level payload under 64 KB is a 400 naming the field, nothing stored, nothing logged', async () => {
    const { host, jobs } = await withRun();
    const body = `{"type":"email","payload":${nested(20_000)}}`;
    expect(body.length).toBeLessThan(64 * 1024);
    const answer = await post(host.url, '/jobs', body);
    expect(answer).toEqual({ status: 400, body: { error: 'payload[0][0]: nested deeper than 64 levels (objects and arrays); flatten it' } });
    expect(jobs()).toBe(0);
    expect(host.lines.join('\n')).not.toMatch(/call stack/);
  });

  it('the limit is 64 levels for the whole body: a payload at 63 is stored, one more is refused', async () => {
    const { host, jobs } = await withRun();
    expect((await post(host.url, '/jobs', `{"type":"email","payload":${nested(63, '1')}}`)).status).toBe(201);
    expect((await post(host.url, '/jobs', `{"type":"email","payload":${nested(64, '1')}}`)).status).toBe(400);
    expect(jobs()).toBe(1);
  });
});

describe('REST: bodies only as application/json', () => {
  it('415 for a form, plain text or no Content-Type, with the curl flag; nothing stored', async () => {
    const { host, jobs } = await withRun();
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', null]) {
      const answer = await post(host.url, '/jobs', '{"type":"email"}', type);
      expect(answer.status, String(type)).toBe(415);
      expect(answer.body.error).toContain(`-H 'Content-Type: application/json'`);
    }
    expect(jobs()).toBe(0);
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON']) {
      expect((await post(host.url, '/jobs', '{"type":"email"}', type)).status, type).toBe(201);
    }
  });
});

describe('LabApi over WebSocket: params nesting', () => {
  it('a 20,000-level scenario is bad_params naming the field, and the connection still answers', async () => {
    const host = await startHost();
    const socket = new WebSocket(labSocketUrl(host.url));
    onCleanUp(() => socket.terminate());
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const reply = new Promise<Record<string, unknown>>((resolve) => socket.once('message', (d) => resolve(JSON.parse(String(d)))));
    socket.send(`{"id":1,"method":"runInstant","params":{"scenario":{"name":${nested(20_000, '"x"')}}}}`);
    expect(await reply).toEqual({
      id: 1,
      ok: false,
      error: { code: 'bad_params', field: 'scenario.name[0]', message: 'runInstant: scenario.name[0]: nested deeper than 64 levels (objects and arrays); flatten it' },
    });
    const client = await connectWsLabClient(labSocketUrl(host.url), { WebSocket: WebSocket as unknown as WebSocketConstructorLike });
    onCleanUp(() => client.close());
    expect(await client.listRuns()).toEqual([]);
  });
});
