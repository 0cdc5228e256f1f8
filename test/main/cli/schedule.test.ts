import { afterAll, describe, expect, it } from 'vitest';
import { cli, fixture, makeSandbox, STACK_LINE } from './cli-helpers.ts';

const box = makeSandbox('schedule');
afterAll(() => box.cleanup());

describe('queue-lab schedule', () => {
  it('prints each retry with its base, jitter rule and spread, and the time to the dead-letter table', () => {
    const r = cli(box, ['schedule', 'laravel-notification-worker']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // Seed 2's 2^n + jitter: equal jitter on a base of 2^(n+1).
    expect(r.stdout).toMatch(/5 attempts, exponential backoff, equal jitter/);
    expect(r.stdout).toMatch(/^\s+4\s+attempt 5\s+32 s\s+16 s \+ uniform \[0, 16 s\]/m);
    expect(r.stdout).toMatch(/to the dead-letter table: median [\d.]+ s/);
  });

  it('--json gives the rows and spreads for every job type', () => {
    const r = cli(box, ['schedule', 'go-worker-pool', '--json', '--samples', '200']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { jobTypes: { jobType: string; samples: number; rows: { base: number; delay: { p50: number } }[] }[] };
    expect(out.jobTypes.map((t) => t.jobType)).toEqual(['email', 'notification', 'report']);
    for (const t of out.jobTypes) {
      expect(t.samples).toBe(200);
      expect(t.rows.map((row) => row.base)).toEqual([1, 2, 4]);
      expect(t.rows.map((row) => row.delay.p50)).toEqual([1, 2, 4]);
    }
  });

  it('bad input: an unknown job type, a bad sample count, an invalid file: exit 2, a clear line, no stack', () => {
    const unknown = cli(box, ['schedule', 'go-worker-pool', '--type', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--type: no job type "nope".*it has "email"/);
    const samples = cli(box, ['schedule', 'go-worker-pool', '--samples=0']);
    expect(samples.status).toBe(2);
    expect(samples.stderr).toMatch(/--samples: expected an integer from 1 to 100000, got 0/);
    const invalid = cli(box, ['schedule', fixture('several-mistakes.yaml')]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/retry\.jitter: expected one of none, full, equal, decorrelated/);
    for (const x of [unknown, samples, invalid]) expect(x.stderr).not.toMatch(STACK_LINE);
  });
});
