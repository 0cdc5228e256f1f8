// The default replay speed fits a run into about 25 s of wall time (the
// M/M/3 default, 20,000 jobs over ~8,300 s, used to replay at 5x for about
// 27 minutes), never slower than real time, and the header says how long.
import { describe, expect, it } from 'vitest';
import { findBuiltin } from '../../../src/shared/library/index.ts';
import { fittedReplaySpeed, formatSpeed, formatWallLength, REPLAY_TARGET_S, replayLength } from '../../../src/renderer/state/replay-speed.ts';

describe('fittedReplaySpeed', () => {
  it('plays runs of any length in 20 to 30 s', () => {
    for (const duration of [26, 99.3, 480, 1234.5, 41_667, 3_600_000]) {
      const wall = replayLength(duration, fittedReplaySpeed(duration));
      expect(wall, `a ${duration} s run`).toBeGreaterThanOrEqual(20);
      expect(wall, `a ${duration} s run`).toBeLessThanOrEqual(30);
    }
  });

  it('fits the default M/M/3 run (20,000 jobs at 2.4/s) in about 25 s instead of 27 minutes', () => {
    const p = findBuiltin('mm3-baseline')!.scenario.producers![0]!;
    const duration = (p.count ?? 0) / (p.arrival as { rate: number }).rate;
    const speed = fittedReplaySpeed(duration);
    expect(replayLength(duration, 5) / 60, 'the old fixed 5x').toBeGreaterThan(25);
    expect(speed).toBe(330);
    expect(Math.abs(replayLength(duration, speed) - REPLAY_TARGET_S)).toBeLessThan(2);
  });

  it('never replays slower than real time, and rounds to two significant digits', () => {
    expect(fittedReplaySpeed(5)).toBe(1);
    expect(fittedReplaySpeed(0)).toBe(1);
    expect(fittedReplaySpeed(Number.NaN)).toBe(1);
    expect(fittedReplaySpeed(41_667)).toBe(1700);
    expect(fittedReplaySpeed(99.3)).toBe(4);
  });
});

describe('replay length text', () => {
  it('says seconds, minutes and seconds, or minutes', () => {
    expect(formatWallLength(24.6)).toBe('25 s');
    expect(formatWallLength(250)).toBe('4 min 10 s');
    expect(formatWallLength(1620)).toBe('27 min');
    expect(formatWallLength(Infinity)).toBe('–');
    expect(formatSpeed(1700)).toBe('1,700×');
    expect(formatSpeed(0.25)).toBe('0.25×');
  });
});
