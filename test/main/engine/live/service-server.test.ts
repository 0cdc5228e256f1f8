// The live service on its own, over real HTTP: its slots, its line, a full
// line and an outage answered at once, and a caller who gives up counted as
// wasted work while the service still serves the call.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceServer } from '../../../../src/main/engine/live/service-server.ts';
import { serviceSchema } from '../../../../src/shared/scenario/overload-schema.ts';

const servers: ServiceServer[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

/** Scenario time = wall seconds (time scale 1), from now. */
function clock() {
  const origin = Date.now();
  return { now: () => (Date.now() - origin) / 1000, wallMs: (s: number) => s * 1000 };
}

async function service(spec: unknown): Promise<{ server: ServiceServer; url: string }> {
  const server = new ServiceServer('api', serviceSchema.parse(spec), 1, clock());
  servers.push(server);
  return { server, url: await server.start() };
}

function call(url: string, key: number, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ...(signal ? { signal } : {}) }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ key, attempt: 1 }));
  });
}

describe('ServiceServer', () => {
  it('serves at most `concurrency` calls at once; the rest wait in line', async () => {
    const { server, url } = await service({ concurrency: 2, serviceTime: { kind: 'constant', value: 0.2 } });
    const started = Date.now();
    const calls = [1, 2, 3, 4].map((k) => call(url, k));
    await new Promise((r) => setTimeout(r, 120));
    expect(server.load()).toEqual({ inFlight: 2, waiting: 2 });
    expect(await Promise.all(calls)).toEqual([200, 200, 200, 200]);
    // Two rounds of 0.2 s: the second pair waited for the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(server.counts()).toMatchObject({ calls: 4, wasted: 0, rejected: 0, maxQueue: 2 });
    expect(server.counts().busySeconds).toBeCloseTo(0.8, 5);
  });

  it('refuses at once with 429 when the line is at queueLimit, and with 503 while a window leaves no slot', async () => {
    const { server, url } = await service({ concurrency: 1, queueLimit: 1, serviceTime: { kind: 'constant', value: 0.2 }, windows: [{ from: 0.5, to: 5, capacity: 0 }] });
    const statuses = await Promise.all([call(url, 1), call(url, 2), call(url, 3)]);
    expect(statuses.sort()).toEqual([200, 200, 429]);
    await new Promise((r) => setTimeout(r, 600 - 400));
    expect(await call(url, 4)).toBe(503);
    expect(server.counts()).toMatchObject({ calls: 4, rejected: 2 });
  });

  it('a caller that gives up does not stop the work: the call is served to the end and counted as wasted', async () => {
    const { server, url } = await service({ concurrency: 1, serviceTime: { kind: 'constant', value: 0.3 } });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    await expect(call(url, 1, abort.signal)).rejects.toThrow();
    expect(server.load().inFlight).toBe(1);
    await new Promise((r) => setTimeout(r, 350));
    expect(server.counts()).toMatchObject({ calls: 1, wasted: 1 });
    expect(server.counts().busySeconds).toBeCloseTo(0.3, 5);
  });

  it('draws the service time from the seed for (job, attempt): the same call takes the same time on another server', async () => {
    const spec = { concurrency: 1, serviceTime: { kind: 'exponential', mean: 0.05 } };
    const a = await service(spec);
    const b = await service(spec);
    await call(a.url, 5);
    await call(b.url, 5);
    expect(a.server.counts().busySeconds).toBe(b.server.counts().busySeconds);
    await call(b.url, 6);
    expect(b.server.counts().busySeconds - a.server.counts().busySeconds).not.toBe(a.server.counts().busySeconds);
  });
});
