// DNS rebinding and framing (issue 10). A page on evil.example whose name is
// made to resolve to the lab's address reaches the host with its own name in
// the Host header, so Host is checked against the host's own names whatever
// address it listens on, not only on loopback. And no other site may frame
// the lab and click its buttons: CSP frame-ancestors and X-Frame-Options on
// every answer, the UI's connections limited to its own origin.
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { serveCommand } from '../../../src/main/cli/commands/serve.ts';
import { cleanUp, onCleanUp, startHost, tempLabFile } from './web-helpers.ts';

afterEach(cleanUp);

function get(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function upgradeStatus(port: number, host: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, { headers: { Host: host } });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('error', () => resolve(0));
  });
}

function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return undefined;
}

describe('Host header on a non-loopback address', () => {
  it('a rebinding name gets 403 over HTTP and WebSocket; the machine\'s names, addresses and --allowed-host pass', async () => {
    const host = await startHost({ host: '0.0.0.0', allowedHosts: ['lab.school.example'] });
    const p = host.port;
    const evil = await get(p, '/health', { Host: `evil.example:${p}` });
    expect(evil.status).toBe(403);
    expect(await upgradeStatus(p, `evil.example:${p}`)).toBe(403);
    const names = [`127.0.0.1:${p}`, `localhost:${p}`, `${hostname()}:${p}`, `LAB.school.example:${p}`, 'lab.school.example'];
    const lan = lanAddress();
    if (lan) names.push(`${lan}:${p}`);
    for (const name of names) expect((await get(p, '/health', { Host: name })).status, name).toBe(200);
    expect(await upgradeStatus(p, `${hostname()}:${p}`)).toBe(101);
  });

  it('a host bound to one LAN address accepts that address, not others', async () => {
    const lan = lanAddress();
    if (!lan) return expect(lan, 'this machine has no LAN address to bind').toBeUndefined();
    const host = await startHost({ host: lan });
    const res = (name: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ hostname: lan, port: host.port, path: '/health', headers: { Host: name } }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await res(`${lan}:${host.port}`)).toBe(200);
    expect(await res('10.11.12.13')).toBe(403);
  });

  it('queue-lab serve --allowed-host (repeatable, comma lists) is passed to the host', async () => {
    const out: string[] = [];
    const abort = new AbortController();
    const serving = serveCommand(
      ['--host', '0.0.0.0', '--port', '0', '--db', tempLabFile(), '--allowed-host', 'a.example,b.example', '--allowed-host', 'c.example'],
      { out: (t) => out.push(t), err: () => undefined },
      abort.signal,
    );
    onCleanUp(async () => {
      abort.abort();
      await serving;
    });
    let url: string | undefined;
    for (let i = 0; i < 200 && !url; i++) {
      await new Promise((r) => setTimeout(r, 25));
      url = /serving on (http:\/\/\S+\/)/.exec(out.join('\n'))?.[1];
    }
    const port = Number(new URL(url!).port);
    for (const name of ['a.example', 'b.example', 'c.example']) expect((await get(port, '/health', { Host: name })).status, name).toBe(200);
    expect((await get(port, '/health', { Host: 'd.example' })).status).toBe(403);
  });

  it('a malformed --allowed-host is a usage error naming it', async () => {
    await expect(serveCommand(['--allowed-host', 'lab.example:4780'], { out: () => undefined, err: () => undefined })).rejects.toThrow(
      '--allowed-host: expected a host name (letters, digits, dots, dashes; no port), got "lab.example:4780"',
    );
  });
});

describe('framing and connections', () => {
  it('every answer forbids framing; the UI page may connect only to its own origin', async () => {
    const site = mkdtempSync(join(tmpdir(), 'queue-lab-csp-'));
    onCleanUp(() => rmSync(site, { recursive: true, force: true }));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>lab</title>');
    const host = await startHost({ staticDir: site });
    const p = host.port;
    for (const path of ['/', '/health', '/nothing.js', '/api/ws', '/jobs']) {
      const res = await get(p, path, { Host: `127.0.0.1:${p}` });
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(String(res.headers['content-security-policy']), path).toContain("frame-ancestors 'none'");
    }
    const csp = String((await get(p, '/', { Host: `localhost:${p}` })).headers['content-security-policy']);
    const connect = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'));
    expect(connect).toBe(`connect-src 'self' ws://localhost:${p}`);
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain("base-uri 'none'");
  });
});
