// Real worker processes on one WAL file: the claim must hold across
// processes, not only across calls in one process. Nothing here is scripted:
// the processes race for the write lock as live mode's workers do.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { DB } from '../../../../src/main/engine/store/open-database.ts';
import type { WorkerArgs, WorkerReport } from '../../../fixtures/store-worker.ts';
import { closeAll, expectLogMatchesJobs, job, tempStore } from './store-helpers.ts';

afterEach(closeAll);

const WORKER = fileURLToPath(new URL('../../../fixtures/store-worker.ts', import.meta.url));
const JOBS = 2000;

async function runWorkers(file: string, count: number, mode: WorkerArgs['mode']): Promise<{ reports: WorkerReport[]; wallMs: number }> {
  const children = Array.from({ length: count }, (_, i) => {
    const args: WorkerArgs = { file, runId: 'run-1', worker: `w${i + 1}`, mode };
    return fork(WORKER, [JSON.stringify(args)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  });
  const ready = children.map((c) => new Promise<void>((resolve, reject) => {
    c.once('message', () => resolve());
    c.once('error', reject);
  }));
  await Promise.all(ready);
  const reports = children.map((c) => new Promise<WorkerReport>((resolve, reject) => {
    c.once('message', (m) => resolve(m as WorkerReport));
    c.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`worker exited with ${code}`))));
  }));
  const start = performance.now();
  for (const c of children) c.send('go');
  const done = await Promise.all(reports);
  return { reports: done, wallMs: performance.now() - start };
}

function fill(t: ReturnType<typeof tempStore>): void {
  t.db.transaction(() => {
    for (let i = 0; i < JOBS; i++) t.store.enqueue(job({ payload: String(i) }));
  })();
}

const scalar = (db: DB, sql: string) => db.prepare(sql).pluck().get() as number;

describe('several worker processes on one file', () => {
  it('the atomic claim gives every job to exactly one worker', async () => {
    const t = tempStore();
    fill(t);
    const { reports, wallMs } = await runWorkers(t.file, 4, 'safe');
    const db = t.db;
    expect(scalar(db, "SELECT COUNT(*) FROM jobs WHERE state = 'succeeded' AND completions = 1")).toBe(JOBS);
    expect(scalar(db, 'SELECT COUNT(*) FROM attempts')).toBe(JOBS);
    expect(scalar(db, 'SELECT COUNT(*) FROM (SELECT job_id FROM attempts GROUP BY job_id HAVING COUNT(*) <> 1)')).toBe(0);
    expect(scalar(db, 'SELECT COUNT(DISTINCT job_id) FROM attempts')).toBe(JOBS);
    expect(reports.reduce((s, r) => s + r.claimed, 0)).toBe(JOBS);
    expect(reports.reduce((s, r) => s + r.leaseLost, 0)).toBe(0);
    expect(reports.filter((r) => r.claimed > 0).length).toBeGreaterThan(1); // they really overlapped
    expect(scalar(db, 'SELECT COUNT(*) FROM events')).toBe(3 * JOBS); // enqueued, claimed, succeeded
    expectLogMatchesJobs(db); // seq 1..n with no gap or clash across processes
    console.log(`4 processes, claim + complete: ${Math.round(JOBS / (wallMs / 1000))} jobs/s (${reports.map((r) => `${r.worker} ${r.claimed}`).join(', ')})`);
  });

  it('the unsafe claim really lets two workers take one job', async () => {
    let doubles = 0;
    for (let tries = 1; tries <= 5 && doubles === 0; tries++) {
      const t = tempStore();
      fill(t);
      const { reports } = await runWorkers(t.file, 4, 'unsafe');
      doubles = scalar(t.db, 'SELECT COUNT(*) FROM (SELECT job_id FROM attempts GROUP BY job_id HAVING COUNT(*) > 1)');
      const doubleClaimEvents = scalar(t.db, "SELECT COUNT(*) FROM events WHERE kind = 'claimed' AND from_state <> 'pending'");
      const duplicates = scalar(t.db, 'SELECT COUNT(*) FROM jobs WHERE completions > 1');
      expect(scalar(t.db, "SELECT COUNT(*) FROM jobs WHERE state <> 'succeeded'")).toBe(0);
      expect(reports.reduce((s, r) => s + r.claimed, 0)).toBe(scalar(t.db, 'SELECT COUNT(*) FROM attempts'));
      if (doubles > 0) expect(doubleClaimEvents).toBeGreaterThan(0);
      expectLogMatchesJobs(t.db);
      console.log(`unsafe claim, try ${tries}: ${doubles} jobs taken more than once, ${duplicates} completed more than once`);
      t.close();
    }
    expect(doubles).toBeGreaterThan(0);
  });

  it('measures claim + complete throughput with 1 and 2 processes', async () => {
    const lines: string[] = [];
    for (const [count, mode] of [[1, 'safe'], [2, 'safe'], [1, 'paired'], [2, 'paired']] as const) {
      const t = tempStore();
      fill(t);
      const { wallMs } = await runWorkers(t.file, count, mode);
      expect(scalar(t.db, "SELECT COUNT(*) FROM jobs WHERE state = 'succeeded' AND completions = 1")).toBe(JOBS);
      expect(scalar(t.db, 'SELECT COUNT(*) FROM attempts')).toBe(JOBS);
      lines.push(`${count} process${count > 1 ? 'es' : ''}, ${mode === 'safe' ? 'claim + complete' : 'completeAndClaim'}: ${Math.round(JOBS / (wallMs / 1000))} jobs/s`);
      t.close();
    }
    console.log(lines.join('\n'));
  });
});
