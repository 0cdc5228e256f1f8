// The seeds' REST endpoints over a real socket, on a live-ish run: a run row
// and its store on their own connection (as the live runner will hand them
// over), driven by hand with claim / complete / fail instead of workers.
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteQueueStore } from '../../../src/main/engine/store/queue-store.ts';
import { cleanUp, liveRun, startHost, type TestRun } from './web-helpers.ts';

afterEach(cleanUp);

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function request(base: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const res = await fetch(new URL(path, base), init);
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), headers: res.headers };
}

async function withRun(): Promise<{ base: string; run: TestRun; http: (method: string, path: string, body?: unknown) => Promise<Answer> }> {
  const host = await startHost();
  const run = liveRun(host.dbFile);
  host.setActiveRun(run);
  return { base: host.url, run, http: (method, path, body) => request(host.url, method, path, body) };
}

function row(run: TestRun, id: unknown): Record<string, unknown> | undefined {
  return run.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Record<string, unknown> | undefined;
}

/** Claims the next job and lets its only attempt (per round) fail for good. */
function kill(store: SqliteQueueStore, now: number, error = 'boom'): number {
  const c = store.claim({ worker: 'w1', queues: ['high', 'default'], now, leaseSeconds: 30 })!;
  store.fail(c.jobId, 'w1', c.attempt, { outcome: 'failed', error, now, retry: null });
  return c.jobId;
}

describe('REST: no active run', () => {
  it('409 with a reason on every run endpoint; /health is still 200', async () => {
    const host = await startHost();
    for (const [method, path] of [['POST', '/jobs'], ['GET', '/jobs'], ['GET', '/jobs/1'], ['GET', '/stats'], ['GET', '/dead'], ['POST', '/dead/retry'], ['DELETE', '/dead/1'], ['GET', '/logs']] as const) {
      const answer = await request(host.url, method, path, method === 'GET' || method === 'DELETE' ? undefined : { type: 'email' });
      expect(answer.status, `${method} ${path}`).toBe(409);
      expect(answer.body.error).toMatch(/no live run is active/);
    }
    expect(await request(host.url, 'GET', '/health')).toMatchObject({ status: 200, body: { ok: true, active_run: null } });
    const run = liveRun(host.dbFile);
    host.setActiveRun(run);
    expect((await request(host.url, 'GET', '/health')).body).toEqual({ ok: true, active_run: 'live-1' });
    host.setActiveRun(null);
    expect((await request(host.url, 'GET', '/stats')).status).toBe(409);
  });
});

describe('REST: POST /jobs', () => {
  it('201 {job_id, status}; the row is in the jobs table with the scenario defaults', async () => {
    const { run, http } = await withRun();
    run.t = 12.5;
    const answer = await http('POST', '/jobs', { type: 'email', payload: { to: 'a@example.com' } });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ job_id: expect.any(Number), seq: 1, status: 'pending', deduplicated: false });
    expect(answer.headers.get('location')).toBe(`/jobs/${answer.body.job_id}`);
    expect(row(run, answer.body.job_id)).toMatchObject({
      run_id: 'live-1', seq: 1, queue: 'default', type: 'email', state: 'pending', priority: 10, max_attempts: 2,
      payload: '{"to":"a@example.com"}', enqueued_at: 12.5, due_at: 12.5,
    });
    // The job type's own retry policy, the producer's queue and that queue's priority.
    const report = await http('POST', '/jobs', { type: 'report' });
    expect(row(run, report.body.job_id)).toMatchObject({ queue: 'high', priority: 1, max_attempts: 4, payload: null });
    // Delayed: scheduled until its time.
    const later = await http('POST', '/jobs', { type: 'email', queue: 'high', priority: 3, delay: 30 });
    expect(later.body).toMatchObject({ status: 'scheduled' });
    expect(row(run, later.body.job_id)).toMatchObject({ queue: 'high', priority: 3, state: 'scheduled', due_at: 42.5 });
  });

  it('an idempotency key already used answers 200 with the first job, and adds none', async () => {
    const { run, http } = await withRun();
    const first = await http('POST', '/jobs', { type: 'email', idempotency_key: 'order-7' });
    expect(first.status).toBe(201);
    const again = await http('POST', '/jobs', { type: 'email', idempotency_key: 'order-7', payload: 'different' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ job_id: first.body.job_id, seq: 1, status: 'pending', deduplicated: true });
    expect(run.db.prepare("SELECT COUNT(*) FROM jobs WHERE run_id = 'live-1'").pluck().get()).toBe(1);
    const other = await http('POST', '/jobs', { type: 'email', idempotency_key: 'order-8' });
    expect(other.status).toBe(201);
  });

  it('400 naming the field: bad JSON, unknown type or queue, wrong types, unknown fields', async () => {
    const { run, http } = await withRun();
    const cases: [unknown, RegExp][] = [
      ['{"type": "email",', /^body: not valid JSON/],
      ['', /^body: expected a JSON object, got nothing$/],
      [[1, 2], /^body: expected an object, got a list/],
      [{}, /^type: required/],
      [{ type: 'sms' }, /^type: unknown job type "sms"; this run has email, report$/],
      [{ type: 'email', queue: 'low' }, /^queue: unknown queue "low"; this run has default, high$/],
      [{ type: 'email', priority: 'high' }, /^priority: expected an integer, got "high"$/],
      [{ type: 'email', priority: 1.5 }, /^priority: expected an integer/],
      [{ type: 'email', delay: -1 }, /^delay: expected a number >= 0, got -1$/],
      [{ type: 'email', idempotency_key: 7 }, /^idempotency_key: expected a string, got 7$/],
      [{ type: 'email', idempotencyKey: 'k' }, /^idempotencyKey: unknown key/],
    ];
    for (const [body, message] of cases) {
      const answer = await http('POST', '/jobs', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toMatch(message);
    }
    expect(run.db.prepare('SELECT COUNT(*) FROM jobs').pluck().get()).toBe(0);
  });

  it('413 for a body over 64 KB, and the host goes on serving', async () => {
    const { run, http } = await withRun();
    const answer = await http('POST', '/jobs', { type: 'email', payload: 'x'.repeat(70 * 1024) });
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatch(/64 KB/);
    expect(run.db.prepare('SELECT COUNT(*) FROM jobs').pluck().get()).toBe(0);
    // A body that fits, just under the limit.
    expect((await http('POST', '/jobs', { type: 'email', payload: 'x'.repeat(60 * 1024) })).status).toBe(201);
  });

  it('413 also for a chunked body with no Content-Length', async () => {
    const { base } = await withRun();
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024)));
        controller.close();
      },
    });
    const res = await fetch(new URL('/jobs', base), { method: 'POST', body: chunks, duplex: 'half', headers: { 'Content-Type': 'application/json' } } as RequestInit);
    expect(res.status).toBe(413);
  });
});

describe('REST: reading jobs and stats', () => {
  it('GET /jobs/:id: the job as the seeds show it; 404 unknown; 400 not an id', async () => {
    const { run, http } = await withRun();
    const { body } = await http('POST', '/jobs', { type: 'email', payload: { n: 1 }, idempotency_key: 'k1' });
    const answer = await http('GET', `/jobs/${body.job_id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      job_id: body.job_id, seq: 1, queue: 'default', type: 'email', status: 'pending', attempts: 0, max_attempts: 2,
      payload: { n: 1 }, idempotency_key: 'k1', enqueued_at: 0, worker: null, last_error: null,
    });
    run.t = 1;
    const c = run.store.claim({ worker: 'w1', queues: ['default'], now: 1, leaseSeconds: 30 })!;
    expect((await http('GET', `/jobs/${body.job_id}`)).body).toMatchObject({ status: 'processing', attempts: 1, worker: 'w1', lease_expires_at: 31 });
    run.store.complete(c.jobId, 'w1', c.attempt, 2);
    expect((await http('GET', `/jobs/${body.job_id}`)).body).toMatchObject({ status: 'succeeded', finished_at: 2 });
    expect((await http('GET', '/jobs/99999')).status).toBe(404);
    const bad = await http('GET', '/jobs/abc');
    expect(bad).toMatchObject({ status: 400, body: { error: 'id: expected a job id (a positive integer), got "abc"' } });
  });

  it('GET /jobs?state= lists the run\'s jobs in that state, in pages', async () => {
    const { run, http } = await withRun();
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await http('POST', '/jobs', { type: 'email' })).body.job_id as number);
    run.store.claim({ worker: 'w1', queues: ['default'], now: 0, leaseSeconds: 30 });
    const pending = await http('GET', '/jobs?state=pending');
    expect(pending.body.jobs).toHaveLength(4);
    expect((pending.body.jobs as { job_id: number }[]).map((j) => j.job_id)).toEqual(ids.slice(1));
    expect((await http('GET', '/jobs?state=processing')).body).toMatchObject({ count: 1, jobs: [{ job_id: ids[0], status: 'processing' }] });
    expect((await http('GET', '/jobs?state=')).body).toMatchObject({ count: 5 });
    const page = await http('GET', '/jobs?limit=2');
    expect(page.body).toMatchObject({ count: 2, next_after: ids[1] });
    const rest = await http('GET', `/jobs?limit=2&after=${ids[1]}`);
    expect((rest.body.jobs as { job_id: number }[]).map((j) => j.job_id)).toEqual(ids.slice(2, 4));
    const bad = await http('GET', '/jobs?state=finished');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^state: expected one of scheduled, pending, processing/);
  });

  it('GET /stats: counts by state and the seeds\' rates', async () => {
    const { run, http } = await withRun();
    for (let i = 0; i < 3; i++) await http('POST', '/jobs', { type: 'email' });
    await http('POST', '/jobs', { type: 'email', delay: 100 });
    const lease = (now: number) => ({ worker: 'w1', queues: ['default'], now, leaseSeconds: 30 });
    // Job 1 succeeds after 2 s; job 2 fails, is retried and succeeds after 1 s; job 3 dies; job 4 waits for its delay.
    const a = run.store.claim(lease(0))!;
    run.store.complete(a.jobId, 'w1', a.attempt, 2);
    const b = run.store.claim(lease(2))!;
    run.store.fail(b.jobId, 'w1', b.attempt, { outcome: 'failed', error: 'e', now: 3, retry: { base: 1, delay: 1, formula: '1 s', dueAt: 4 } });
    const c = run.store.claim(lease(3))!;
    run.store.fail(c.jobId, 'w1', c.attempt, { outcome: 'failed', error: 'e', now: 4, retry: null });
    run.store.promoteDue(4);
    const b2 = run.store.claim(lease(4))!;
    expect(b2.jobId).toBe(b.jobId);
    run.store.complete(b2.jobId, 'w1', b2.attempt, 5);
    run.t = 10;
    const stats = await http('GET', '/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      run_id: 'live-1', t: 10, total: 4, scheduled: 1, pending: 0, retrying: 0, processing: 0, succeeded: 2, dead: 1, cancelled: 0,
      avg_attempts_success: 1.5, jobs_per_s: 0.2, mean_processing_s: (2 + 1 + 1 + 1) / 4, success_rate: 2 / 3,
    });
  });

  it('GET /logs: the latest events, or those after a seq', async () => {
    const { http } = await withRun();
    for (let i = 0; i < 3; i++) await http('POST', '/jobs', { type: 'email', idempotency_key: i === 2 ? 'k' : `k${i}` });
    await http('POST', '/jobs', { type: 'email', idempotency_key: 'k' });
    const all = await http('GET', '/logs');
    expect(all.body).toMatchObject({ run_id: 'live-1', last_seq: 4 });
    expect((all.body.events as { kind: string }[]).map((e) => e.kind)).toEqual(['enqueued', 'enqueued', 'enqueued', 'deduplicated']);
    expect((await http('GET', '/logs?limit=1')).body).toMatchObject({ events: [{ seq: 4, kind: 'deduplicated', job: 3 }] });
    expect((await http('GET', '/logs?after=2')).body).toMatchObject({ events: [{ seq: 3 }, { seq: 4 }], last_seq: 4 });
    expect((await http('GET', '/logs?after=4')).body).toEqual({ run_id: 'live-1', events: [], last_seq: 4 });
    expect((await http('GET', '/logs?after=x')).status).toBe(400);
  });

  it('405 with Allow for a method a path does not take', async () => {
    const { http } = await withRun();
    const answer = await http('DELETE', '/stats');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET');
  });
});

describe('REST: dead letters', () => {
  it('GET /dead, POST /dead/retry one and all, DELETE /dead/:id', async () => {
    const { run, http } = await withRun();
    for (let i = 0; i < 3; i++) await http('POST', '/jobs', { type: 'email', payload: { i } });
    run.t = 1;
    const [a, b, c] = [kill(run.store, 1, 'HTTP 500'), kill(run.store, 1), kill(run.store, 1)];
    const dead = await http('GET', '/dead');
    expect(dead.body).toMatchObject({ count: 3 });
    expect((dead.body.jobs as unknown[])[0]).toEqual({
      job_id: a, seq: 1, queue: 'default', type: 'email', payload: { i: 0 }, attempts: 1, errors: ['HTTP 500'],
      reason: 'not retried (attempt 1 of 2)', died_at: 1,
    });

    run.t = 5;
    expect(await http('POST', '/dead/retry', { job_id: a })).toMatchObject({ status: 200, body: { retried: 1 } });
    expect(row(run, a)).toMatchObject({ state: 'pending', due_at: 5 });
    expect(await http('POST', '/dead/retry', { job_id: a })).toMatchObject({ status: 404 });

    expect(await http('DELETE', `/dead/${b}`)).toMatchObject({ status: 200, body: { forgotten: 1 } });
    expect(row(run, b)).toMatchObject({ state: 'cancelled', cancel_reason: 'forgotten' });
    expect(await http('DELETE', `/dead/${b}`)).toMatchObject({ status: 404 });

    expect(await http('POST', '/dead/retry', { all: true })).toMatchObject({ status: 200, body: { retried: 1 } });
    expect(row(run, c)).toMatchObject({ state: 'pending' });
    expect((await http('GET', '/dead')).body).toEqual({ count: 0, jobs: [] });

    const bad = await http('POST', '/dead/retry', { job_id: 'one' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'job_id: expected an integer, got "one"' } });
    expect((await http('POST', '/dead/retry', {})).body.error).toMatch(/^job_id: give exactly one of job_id or all: true/);
    expect((await http('POST', '/dead/retry', { all: false })).status).toBe(400);
  });
});
