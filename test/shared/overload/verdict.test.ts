import { describe, expect, it } from 'vitest';
import { decideVerdict, findTrigger } from '../../../src/shared/overload/verdict.ts';
import { validateScenario } from '../../../src/shared/scenario/validate.ts';

/** Times every 1/rate seconds in [from, to). */
function every(rate: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t += 1 / rate) out.push(t);
  return out;
}

const trigger = { from: 40, to: 45, label: 'service api at 20% capacity' };
const arrivals = every(10, 0, 120);

describe('the verdict', () => {
  it('none without a trigger', () => {
    expect(decideVerdict(null, arrivals, arrivals).kind).toBe('none');
  });

  it('recovered: goodput comes back after the trigger', () => {
    const successes = [...every(10, 0, 40), ...every(10, 50, 120)];
    const v = decideVerdict(trigger, successes, arrivals);
    expect(v.kind).toBe('recovered');
    expect(v.before_s).toEqual([10, 40]);
    expect(v.after_s![0]).toBeCloseTo(90, 3);
    expect(v.after_s![1]).toBeCloseTo(120, 3);
    expect(v.goodput_before).toBeCloseTo(10, 0);
    expect(v.goodput_after).toBeCloseTo(10, 0);
  });

  it('metastable: goodput stays below half while jobs keep arriving', () => {
    const successes = [...every(10, 0, 40), ...every(2, 40, 120)];
    const v = decideVerdict(trigger, successes, arrivals);
    expect(v.kind).toBe('metastable');
    expect(v.goodput_after! / v.goodput_before!).toBeLessThan(0.5);
    expect(v.offered_after).toBeCloseTo(10, 0);
  });

  it('a slow recovery is a recovery: only the end of the offered load counts', () => {
    const successes = [...every(10, 0, 40), ...every(1, 40, 80), ...every(10, 80, 120)];
    expect(decideVerdict(trigger, successes, arrivals).kind).toBe('recovered');
    const stillDown = [...every(10, 0, 40), ...every(10, 40, 80), ...every(1, 80, 120)];
    expect(decideVerdict(trigger, stillDown, arrivals).kind).toBe('metastable');
  });

  it('the after window starts no sooner than 10 s after the trigger', () => {
    const v = decideVerdict(trigger, every(10, 0, 70), every(10, 0, 70));
    expect(v.after_s![0]).toBe(55);
  });

  it('none when jobs stop arriving before the after window', () => {
    expect(decideVerdict(trigger, every(10, 0, 50), every(10, 0, 50)).kind).toBe('none');
  });

  it('the trigger is the earliest capacity window or outage', () => {
    const r = validateScenario({
      services: { api: { windows: [{ from: 50, to: 60, capacity: 0.2 }, { from: 30, to: 31, capacity: 1 }] } },
      faults: [{ kind: 'outage', jobType: 'work', from: 70, to: 80 }],
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(findTrigger(r.scenario)).toEqual({ from: 50, to: 60, label: 'service api at 20% capacity' });
  });
});
