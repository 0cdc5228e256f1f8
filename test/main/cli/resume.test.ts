// Kill the host process (the CLI) in the middle of a live run: the next open
// marks the run interrupted, the file passes integrity_check, and
// `queue-lab resume` finishes it without losing or duplicating a job.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/engine/store/open-database.ts';
import { BIN, REPO, cli, fixture, makeSandbox, type Sandbox } from './cli-helpers.ts';

let box: Sandbox | undefined;
afterEach(() => box?.cleanup());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('queue-lab resume', () => {
  it('finishes a live run whose host was killed, losing and duplicating nothing', async () => {
    box = makeSandbox('resume');
    const file = join(box.dir, 'lab.db');
    const host = spawn(process.execPath, [BIN, 'run', fixture('live-resume.yaml'), '--mode', 'live', '--time-scale', '0.02', '--db', file, '--json'], {
      cwd: REPO,
      env: box.env,
      stdio: 'ignore',
    });
    // Wait until the run is well under way, then kill -9 the host.
    let runId: string | undefined;
    for (let i = 0; i < 400 && !runId; i++) {
      await sleep(50);
      try {
        const db = new Database(file, { readonly: true, fileMustExist: true });
        const row = db.prepare(`SELECT r.id, (SELECT COUNT(*) FROM jobs j WHERE j.run_id = r.id AND j.state = 'succeeded') AS done FROM runs r`).get() as { id: string; done: number } | undefined;
        db.close();
        if (row && row.done >= 100) runId = row.id;
      } catch {
        // not created yet
      }
    }
    expect(runId, 'the live run got going').toBeDefined();
    host.kill('SIGKILL');
    await new Promise((r) => host.once('exit', r));
    await sleep(1500); // its workers notice the parent is gone and exit

    const db = openDatabase(file);
    const before = db.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(runId) as string;
    const integrity = db.pragma('integrity_check', { simple: true });
    const enqueued = db.prepare('SELECT COUNT(*) FROM jobs WHERE run_id = ?').pluck().get(runId) as number;
    db.close();
    expect(before).toBe('interrupted');
    expect(integrity).toBe('ok');
    expect(enqueued).toBeGreaterThan(0);
    expect(enqueued).toBeLessThan(1000);

    const r = cli(box, ['resume', runId!, '--db', file, '--time-scale', '0.02', '--json'], { timeoutMs: 120_000 });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.run_id).toBe(runId);
    expect(summary.jobs.total).toBe(1000);
    expect(summary.jobs.succeeded + summary.jobs.dead).toBe(1000);
    expect(summary.lost).toBe(0);

    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(runId)).toBe('completed');
    const twice = check.prepare(`SELECT COUNT(*) FROM (SELECT job_id FROM attempts WHERE run_id = ? AND outcome = 'succeeded' GROUP BY job_id HAVING COUNT(*) > 1)`).pluck().get(runId);
    expect(twice, 'jobs that succeeded twice').toBe(0);
    const arrivals = check.prepare(`SELECT COUNT(DISTINCT payload ->> '$.n') FROM jobs WHERE run_id = ?`).pluck().get(runId);
    expect(arrivals, 'every arrival made exactly one job').toBe(1000);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();

    const again = cli(box, ['resume', runId!, '--db', file]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/completed/);
  }, 150_000);
});
