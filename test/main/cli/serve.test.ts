// `queue-lab serve --run FILE` as a user runs it: a real process, a real
// socket on 127.0.0.1, a live run whose jobs curl can enqueue, and a clean
// stop on SIGTERM that leaves the run resumable.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, REPO, fixture, makeSandbox, type Sandbox } from './cli-helpers.ts';

let box: Sandbox | undefined;
afterEach(() => box?.cleanup());

describe('queue-lab serve', () => {
  it('serves on 127.0.0.1, runs the live scenario, takes POST /jobs, and stops cleanly on SIGTERM', async () => {
    box = makeSandbox('serve');
    const file = join(box.dir, 'lab.db');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', file, '--run', fixture('live-resume.yaml'), '--time-scale', '0.05'], {
      cwd: REPO,
      env: box.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      let url: string | undefined;
      for (let i = 0; i < 200 && !url; i++) {
        await new Promise((r) => setTimeout(r, 50));
        url = /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      }
      expect(url, `serve printed its URL: ${out}`).toBeDefined();
      const health = (await (await fetch(`${url}health`)).json()) as { ok: boolean };
      expect(health.ok).toBe(true);
      // The live run becomes active once its workers are up.
      let active = false;
      for (let i = 0; i < 100 && !active; i++) {
        await new Promise((r) => setTimeout(r, 50));
        active = (await fetch(`${url}stats`)).status === 200;
      }
      expect(active).toBe(true);
      const created = await fetch(`${url}jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'work', payload: { to: 'a@b.c' } }) });
      expect(created.status).toBe(201);
      const { job_id: jobId } = (await created.json()) as { job_id: number };
      const bad = await fetch(`${url}jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'nope' }) });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toMatch(/type/);
      const job = await (await fetch(`${url}jobs/${jobId}`)).json();
      expect(job).toMatchObject({ type: 'work' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const db = new Database(file, { readonly: true });
    const run = db.prepare('SELECT status FROM runs').get() as { status: string };
    db.close();
    expect(run.status).toBe('interrupted');
  }, 60_000);
});
