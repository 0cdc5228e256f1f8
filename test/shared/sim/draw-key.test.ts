import { describe, expect, it } from 'vitest';
import { DrawKeys, isResend, jobsMadeBefore } from '../../../src/shared/sim/draw-key.ts';
import type { ProducerSpec } from '../../../src/shared/scenario/schema.ts';

const producer = (count: number, then: string[] = [], duplicateRate = 0) => ({ count, then, duplicateRate }) as unknown as ProducerSpec;

describe('DrawKeys', () => {
  it('numbers jobs as if producers ran one after another, chains included, so interleaving cannot change them', () => {
    const keys = new DrawKeys({ producers: [producer(3, ['b']), producer(2)] });
    expect([keys.of(0, 0), keys.of(0, 0, 1), keys.of(0, 1), keys.of(0, 2, 1)]).toEqual([1, 2, 3, 6]);
    expect([keys.of(1, 0), keys.of(1, 1)]).toEqual([7, 8]);
  });

  it('with one producer the key is the job\'s seq', () => {
    const keys = new DrawKeys({ producers: [producer(5)] });
    expect([0, 1, 2, 3, 4].map((i) => keys.of(0, i))).toEqual([1, 2, 3, 4, 5]);
  });

  it('counts the jobs a resumed producer made before, skipping re-sends', () => {
    const p = producer(200, [], 0.3);
    const resends = Array.from({ length: 100 }, (_, i) => isResend(9, p, 0, i)).filter(Boolean).length;
    expect(resends).toBeGreaterThan(10);
    expect(isResend(9, p, 0, 0)).toBe(false); // the first arrival has nothing to re-send
    expect(jobsMadeBefore(9, p, 0, 100)).toBe(100 - resends);
  });
});
