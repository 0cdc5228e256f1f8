// The malformed-input suite of issue 10, against the host as a user runs it:
// `queue-lab serve --run FILE` as its own process, real HTTP and a real
// WebSocket. Every case must get a 4xx (REST) or an error reply with the
// expected code (LabApi), none may write a row to the lab's SQLite file,
// and the host must still answer and still store a good job afterwards.
// The table of case -> answer goes to test-results/malformed-input.md.
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabHost, type LabHost } from '../../e2e/harness/lab-host.ts';
import { REPO } from '../../e2e/harness/paths.ts';
import { REST_CASES, WS_CASES, type RestCase } from './malformed-cases.ts';

/** A live run that stays active and idle: one job type, one worker, its only job due in 100,000 scenario seconds. */
const IDLE_RUN = {
  name: 'malformed input',
  seed: 1,
  jobTypes: { work: {} },
  producers: [{ jobType: 'work', count: 1, start: 100_000 }],
  workers: { count: 1 },
};

interface Row {
  door: 'REST' | 'WS';
  name: string;
  expected: string;
  got: string;
  detail: string;
}

let host: LabHost;
let dir: string;
let runId: string;
const rows: Row[] = [];

function send(base: string, c: RestCase): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  const headers: Record<string, string> = { ...c.headers };
  const type = c.type === undefined ? 'application/json' : c.type;
  if (type !== null && c.body !== undefined) headers['Content-Type'] = type;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path: c.path, method: c.method, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(c.body);
  });
}

/** Rows in every table of the lab file. */
function rowCounts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

const short = (text: string): string => (text.length > 110 ? `${text.slice(0, 107)}...` : text).replace(/\|/g, '\\|');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'queue-lab-malformed-'));
  const file = join(dir, 'idle.json');
  writeFileSync(file, JSON.stringify(IDLE_RUN));
  host = await startLabHost({ run: file });
  for (let i = 0; i < 200 && !runId; i++) {
    const health = (await (await fetch(new URL('/health', host.url))).json()) as { active_run: string | null };
    if (health.active_run) runId = health.active_run;
    else await new Promise((r) => setTimeout(r, 50));
  }
  expect(runId, 'the live run to become active').toBeTruthy();
});

afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
  if (rows.length === 0) return;
  const table = ['| # | door | case | expected | got | message |', '| --- | --- | --- | --- | --- | --- |'];
  rows.forEach((r, i) => table.push(`| ${i + 1} | ${r.door} | ${short(r.name)} | ${r.expected} | ${r.got} | ${short(r.detail)} |`));
  const text = `# Malformed input: ${rows.length} cases against queue-lab serve --run (issue 10)\n\n${table.join('\n')}\n`;
  mkdirSync(join(REPO, 'test-results'), { recursive: true });
  writeFileSync(join(REPO, 'test-results', 'malformed-input.md'), text);
  process.stdout.write(`${text}\n`);
});

describe('malformed input against queue-lab serve', () => {
  it(`${REST_CASES.length} REST and ${WS_CASES.length} WebSocket cases: each refused as expected, no row written, the host still well`, { timeout: 120_000 }, async () => {
    expect(REST_CASES.length + WS_CASES.length).toBeGreaterThanOrEqual(50);
    // Let the run settle (workers booted, run row and start events written) before counting.
    await new Promise((r) => setTimeout(r, 1500));
    const before = rowCounts(host.dbFile);

    for (const c of REST_CASES) {
      const answer = await send(host.url, c);
      let detail = answer.body;
      try {
        detail = String((JSON.parse(answer.body) as { error?: unknown }).error ?? answer.body);
      } catch {
        // not JSON: shown as it came
      }
      rows.push({ door: 'REST', name: c.name, expected: String(c.status), got: String(answer.status), detail });
    }

    const socket = new WebSocket(`${host.url.replace(/^http/, 'ws')}api/ws`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const inbox: Record<string, unknown>[] = [];
    const waiting: ((m: Record<string, unknown>) => void)[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      const waiter = waiting.shift();
      if (waiter) waiter(message);
      else inbox.push(message);
    });
    const next = () => (inbox.length > 0 ? Promise.resolve(inbox.shift()!) : new Promise<Record<string, unknown>>((r) => waiting.push(r)));
    for (const c of WS_CASES) {
      socket.send(typeof c.frame === 'string' ? c.frame.replaceAll('"RUN"', JSON.stringify(runId)) : c.frame);
      const reply = await next();
      const error = reply.error as { code?: string; message?: string; field?: string } | undefined;
      const got = reply.ok === false ? String(error?.code) : 'ok';
      rows.push({ door: 'WS', name: c.name, expected: c.code, got, detail: error?.message ?? JSON.stringify(reply).slice(0, 200) });
    }

    const after = rowCounts(host.dbFile);
    const wrong = rows.filter((r) => r.got !== r.expected);
    expect(wrong, JSON.stringify(wrong, null, 1)).toEqual([]);
    for (const r of rows.filter((x) => x.door === 'REST')) expect(Number(r.got), r.name).toBeGreaterThanOrEqual(400);
    expect(after, 'rows per table before and after').toEqual(before);

    // Still well: the same socket answers, /health answers, and a good job is stored.
    socket.send(JSON.stringify({ id: 'last', method: 'getActiveRun' }));
    expect(await next()).toEqual({ id: 'last', ok: true, result: { runId } });
    socket.close();
    expect(await (await fetch(new URL('/health', host.url))).json()).toEqual({ ok: true, active_run: runId });
    const good = await send(host.url, { name: 'good', method: 'POST', path: '/jobs', body: JSON.stringify({ type: 'work', payload: { n: 1 } }), status: 201 });
    expect(good.status).toBe(201);
    expect(rowCounts(host.dbFile).jobs).toBe(before.jobs! + 1);
    expect(host.output()).not.toMatch(/Maximum call stack|at .*\.ts:\d+/);
  });
});
