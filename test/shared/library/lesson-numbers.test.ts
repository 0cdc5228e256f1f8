// The retry-storm lesson cards quote numbers a student then looks for in
// the Charts tab's Retry waves (retries counted in each second): the card
// promised "spikes of up to 400 in a single second" while the chart, which
// averaged bursts over 0.05 s buckets, showed about 730/s. The numbers
// quoted here are computed from the runs, so a change to the scenario or
// the engine that moves them fails this test instead of misleading a class.
import { describe, expect, it } from 'vitest';
import { findBuiltin } from '../../../src/shared/library/index.ts';
import { runForEvents } from '../timeline/instant-events.ts';

/** Retries that came due (retrying -> pending) in each whole second of the run. */
function retriesPerSecond(key: string): Map<number, number> {
  const { events } = runForEvents(findBuiltin(key)!.scenario);
  const counts = new Map<number, number>();
  for (const e of events) if (e.from === 'retrying' && e.to === 'pending') counts.set(Math.floor(e.t), (counts.get(Math.floor(e.t)) ?? 0) + 1);
  return counts;
}

const peak = (counts: Map<number, number>, from = 0): number => Math.max(...[...counts].filter(([t]) => t >= from).map(([, n]) => n));
const quoted = (text: string, re: RegExp): number => Number(re.exec(text)![1]!.replace(/,/g, ''));

describe('retry-storm lesson cards', () => {
  const noJitter = retriesPerSecond('retry-storm-no-jitter');
  const fullJitter = retriesPerSecond('retry-storm-full-jitter');

  it('no jitter: spikes of 400 in a single second, also after the outage', () => {
    const notice = findBuiltin('retry-storm-no-jitter')!.notice;
    expect(quoted(notice, /spikes of (\d+) retries in a single second/)).toBe(peak(noJitter));
    expect(peak(noJitter, 40)).toBe(peak(noJitter));
    expect(quoted(notice, /the last at t=(\d+) s/)).toBe(Math.max(...noJitter.keys()));
  });

  it('full jitter: the peaks it quotes are the ones the chart shows, within 5 %', () => {
    const notice = findBuiltin('retry-storm-full-jitter')!.notice;
    const overall = quoted(notice, /peaks at about (\d+) retries in one second/);
    const after = quoted(notice, /at most about (\d+) a second/);
    expect(Math.abs(overall - peak(fullJitter)) / peak(fullJitter)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(after - peak(fullJitter, 40)) / peak(fullJitter, 40)).toBeLessThanOrEqual(0.05);
    expect(peak(fullJitter)).toBeLessThan(peak(noJitter));
  });

  it('full jitter: the retries and the later drain it admits to are the runs\' own', () => {
    const notice = findBuiltin('retry-storm-full-jitter')!.notice;
    const a = runForEvents(findBuiltin('retry-storm-no-jitter')!.scenario).summary;
    const b = runForEvents(findBuiltin('retry-storm-full-jitter')!.scenario).summary;
    expect(Math.abs(quoted(notice, /about ([\d,]+) retries instead of/) - b.attempts.retries)).toBeLessThanOrEqual(100);
    expect(quoted(notice, /retries instead of ([\d,]+)\)/)).toBe(a.attempts.retries);
    expect(Math.abs(quoted(notice, /drains about (\d+) s later/) - (b.sim_duration_s - a.sim_duration_s))).toBeLessThanOrEqual(2);
  });
});
