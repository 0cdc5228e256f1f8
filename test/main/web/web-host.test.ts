// The web host itself: where it listens, what it serves, whom it refuses.
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exposedWarning, isLoopbackHost } from '../../../src/main/web/http-guard.ts';
import { startWebHost } from '../../../src/main/web/web-host.ts';
import { cleanUp, onCleanUp, startHost, tempLabFile } from './web-helpers.ts';

afterEach(cleanUp);

/** A raw request: the path goes out as written (no dot-segment clean-up), with the Host and Origin a browser would send. */
function rawGet(url: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port, pathname, search } = new URL(url);
  return rawPath(`http://${hostname}:${port}`, pathname + search, headers, method);
}

function rawPath(origin: string, path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function externalIPv4(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

describe('web host: where it listens', () => {
  it('binds 127.0.0.1 by default on an ephemeral port, and warns about nothing', async () => {
    const host = await startHost();
    expect(host.host).toBe('127.0.0.1');
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.lines).toEqual([]);
    expect((await fetch(new URL('/health', host.url))).status).toBe(200);
    // Not reachable through the machine's other addresses.
    const lan = externalIPv4();
    if (lan) await expect(fetch(`http://${lan}:${host.port}/health`)).rejects.toThrow();
  });

  it('another address only when asked, with a loud warning', async () => {
    const host = await startHost({ host: '0.0.0.0' });
    expect(host.host).toBe('0.0.0.0');
    expect(host.lines).toEqual([exposedWarning('0.0.0.0', host.port)]);
    expect(host.lines[0]).toMatch(/^WARNING: .*reachable from OTHER MACHINES/);
    expect(isLoopbackHost('127.0.0.1') && isLoopbackHost('localhost') && isLoopbackHost('::1') && isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('0.0.0.0') || isLoopbackHost('::') || isLoopbackHost('192.168.1.5') || isLoopbackHost('127.example.com')).toBe(false);
  });

  it('a port in use is a plain error, and nothing is left open', async () => {
    const first = await startHost();
    await expect(startWebHost({ dbFile: tempLabFile(), port: first.port, log: () => undefined })).rejects.toThrow(
      `port ${first.port} on 127.0.0.1 is in use; pick another with --port`,
    );
  });

  it('close() ends open connections and is safe to call twice', async () => {
    const host = await startHost();
    await fetch(new URL('/health', host.url)); // leaves a keep-alive connection
    await host.close();
    await host.close();
    await expect(fetch(new URL('/health', host.url))).rejects.toThrow();
  });
});

describe('web host: what it serves', () => {
  it('refuses to start without the UI build, naming the command that makes it; never a stand-in page', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'queue-lab-no-ui-'));
    onCleanUp(() => rmSync(empty, { recursive: true, force: true }));
    for (const staticDir of [join(tmpdir(), 'queue-lab-no-such-dir'), empty]) {
      await expect(startWebHost({ dbFile: tempLabFile(), staticDir })).rejects.toThrow(/the UI is not built: .*index\.html is missing; run `npm run build`/);
    }
    // Without a UI folder at all (an API-only host), / is not found rather than a placeholder.
    const host = await startHost({});
    const res = await fetch(host.url);
    expect(res.status).toBe(404);
    const missing = await fetch(new URL('/nothing-here', host.url));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found: /nothing-here' });
    expect((await fetch(new URL('/api/ws', host.url))).status).toBe(426);
  });

  it('the renderer build when there is one; never a file outside it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'queue-lab-static-'));
    onCleanUp(() => rmSync(root, { recursive: true, force: true }));
    const site = join(root, 'site');
    mkdirSync(join(site, 'assets'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>lab ui</title>');
    writeFileSync(join(site, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'do not serve');
    const host = await startHost({ staticDir: site });

    const index = await fetch(host.url);
    expect(await index.text()).toContain('lab ui');
    const js = await fetch(new URL('/assets/app.js', host.url));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    // A UI route gets the app's page; a missing asset does not.
    expect(await (await fetch(new URL('/runs/abc', host.url))).text()).toContain('lab ui');
    expect((await fetch(new URL('/assets/missing.js', host.url))).status).toBe(404);
    // The REST endpoints win over the files.
    expect(await (await fetch(new URL('/health', host.url))).json()).toEqual({ ok: true, active_run: null });
    expect((await rawPath(host.url, '/assets/app.js', {})).body).toBe('console.log(1)');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00', '/%E0%A4%A']) {
      const res = await rawPath(host.url, path, {});
      expect(res.body, path).not.toContain('do not serve');
      expect(res.status, path).toBe(404);
    }
  });
});

describe('web host: whom it refuses', () => {
  it('a Host that is not this machine (DNS rebinding) gets 403', async () => {
    const host = await startHost();
    expect((await rawGet(new URL('/health', host.url).toString(), { Host: 'evil.example' })).status).toBe(403);
    expect((await rawGet(new URL('/health', host.url).toString(), { Host: `localhost:${host.port}` })).status).toBe(200);
  });

  it('a request from another origin\'s page gets 403; the host\'s own pages and curl pass', async () => {
    const host = await startHost();
    const run = new URL('/jobs', host.url).toString();
    expect((await rawGet(run, { Origin: 'http://evil.example' }, 'POST')).status).toBe(403);
    expect((await rawGet(run, { Origin: 'null' }, 'POST')).status).toBe(403);
    // Same origin, and no Origin at all (curl): on to the endpoint (409: no run is active).
    expect((await rawGet(run, { Origin: new URL(host.url).origin }, 'POST')).status).toBe(409);
    expect((await rawGet(run, {}, 'POST')).status).toBe(409);
  });

  it('allowedOrigins lets a dev server in', async () => {
    const host = await startHost({ allowedOrigins: ['http://localhost:5173'] });
    expect((await rawGet(new URL('/health', host.url).toString(), { Origin: 'http://localhost:5173' })).status).toBe(200);
  });
});
