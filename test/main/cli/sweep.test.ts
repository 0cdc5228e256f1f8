import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, inspectDb, makeSandbox, STACK_LINE } from './cli-helpers.ts';

const box = makeSandbox('sweep');
afterAll(() => box.cleanup());

const scenario = (workers: number, jitter: string): string => `
name: sweep test
seed: 5
jobTypes:
  work: { duration: { kind: exponential, mean: 1 }, failureRate: 0.2 }
producers:
  - count: 400
    arrival: { kind: poisson, rate: 1.5 }
workers: { count: ${workers} }
retry: { maxAttempts: 3, jitter: ${jitter} }
`;

interface SweepJson {
  vary: string[];
  seeds: number;
  runs: { values: Record<string, unknown>; seed: number; run_id: string; metrics: Record<string, number>; event_log_sha256: string }[];
}

describe('queue-lab sweep', () => {
  const file = join(box.dir, 'base.yaml');
  writeFileSync(file, scenario(1, 'none'));

  it('runs every combination with every seed; each run is the engine run with that key set', () => {
    const csv = join(box.dir, 'out.csv');
    const r = cli(box, ['sweep', file, '--vary', 'workers.count=1,2,4', '--vary', 'retry.jitter=none,full', '--seeds', '2', '--json', '--csv', csv]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as SweepJson;
    expect(out.vary).toEqual(['workers.count', 'retry.jitter']);
    expect(out.runs).toHaveLength(12);
    expect(out.runs.map((x) => [x.values['workers.count'], x.values['retry.jitter'], x.seed]).slice(0, 4)).toEqual([
      [1, 'none', 5],
      [1, 'none', 6],
      [1, 'full', 5],
      [1, 'full', 6],
    ]);
    // More workers, shorter waits (same seed, same arrivals).
    const wait = (w: number) => out.runs.find((x) => x.values['workers.count'] === w && x.values['retry.jitter'] === 'full' && x.seed === 5)!.metrics.wait_mean_s!;
    expect(wait(1)).toBeGreaterThan(wait(2));
    expect(wait(2)).toBeGreaterThan(wait(4));
    // The sweep's run for (2 workers, full jitter, seed 6) is exactly `run` of that scenario.
    const single = join(box.dir, 'two-full.yaml');
    writeFileSync(single, scenario(2, 'full'));
    const one = cli(box, ['run', single, '--seed', '6', '--store', 'none', '--json', '--db', join(box.dir, 'one.db')]);
    expect(one.status).toBe(0);
    const sha = (JSON.parse(one.stdout) as { event_log_sha256: string }).event_log_sha256;
    expect(out.runs.find((x) => x.values['workers.count'] === 2 && x.values['retry.jitter'] === 'full' && x.seed === 6)!.event_log_sha256).toBe(sha);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toMatch(/^workers\.count,retry\.jitter,seed,run_id,succeeded,dead,/);
  });

  it('with --db, stores the sweep (what the lab lists in its Sweep tab): its keys, and which run is which cell', () => {
    const db = join(box.dir, 'swept.db');
    const r = cli(box, ['sweep', file, '--vary', 'workers.count=1,3', '--vary', 'retry.jitter=none,full', '--db', db, '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as SweepJson;
    const stored = inspectDb(db, (d) => ({
      sweep: d.prepare('SELECT status, total, seeds, vary_json FROM sweeps').all() as { status: string; total: number; seeds: number; vary_json: string }[],
      cells: d.prepare('SELECT task, values_json, run_id FROM sweep_runs ORDER BY task').all() as { task: number; values_json: string; run_id: string }[],
    }));
    expect(stored.sweep).toHaveLength(1);
    expect(stored.sweep[0]).toMatchObject({ status: 'completed', total: 4, seeds: 1 });
    expect(JSON.parse(stored.sweep[0]!.vary_json)).toEqual([
      { path: 'workers.count', values: [1, 3] },
      { path: 'retry.jitter', values: ['none', 'full'] },
    ]);
    expect(stored.cells.map((c) => c.run_id)).toEqual(out.runs.map((x) => x.run_id));
    expect(stored.cells.map((c) => JSON.parse(c.values_json) as unknown)).toEqual(out.runs.map((x) => x.values));
  });

  it('prints a table of means per combination', () => {
    const r = cli(box, ['sweep', file, '--vary', 'workers.count=1,3', '--parallel', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/2 runs \(2 combinations x 1 seeds\)/);
    expect(r.stdout).toMatch(/^workers\.count\s+seeds\s+succeeded\s+dead/m);
    expect(r.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('bad input names the flag or the combination and exits 2 without a stack', () => {
    const cases: [string[], RegExp][] = [
      [['--vary', 'workers.count'], /--vary "workers.count": expected PATH=V1,V2/],
      [['--vary', 'workers.count=1,0'], /combination workers.count=0:\n\s+workers.count: expected an integer >= 1, got 0/],
      [['--vary', 'producers[3].count=1'], /--vary producers\[3\]\.count: producers\.3 does not exist/],
      [['--vary', 'workers.count=1', '--seeds', 'x'], /--seeds: expected an integer 1\.\.1000, got "x"/],
      [['--vary', 'workers.cuont=1'], /workers\.cuont: unknown key/],
      [[], /sweep needs at least one --vary/],
    ];
    for (const [args, message] of cases) {
      const r = cli(box, ['sweep', file, ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('a built-in sweep brings its axes: jitter-study-clients, calls and time to finish per client count and strategy', () => {
    const r = cli(box, ['sweep', 'jitter-study-clients', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as SweepJson;
    expect(out.vary).toEqual(['producers[0].count', 'retry.jitter']);
    expect(out.runs).toHaveLength(5 * 4);
    const calls = (n: number, jitter: string): number => out.runs.find((x) => x.values['producers[0].count'] === n && x.values['retry.jitter'] === jitter)!.metrics.calls!;
    expect(calls(100, 'full')).toBeLessThanOrEqual(calls(100, 'none') / 2);
    expect(out.runs.every((x) => x.metrics.last_call_s! > 0)).toBe(true);
  });
});
