import { describe, expect, it } from 'vitest';
import { runLabels, seedStatement } from '../../../src/renderer/views/compare/run-labels.ts';
import { describeDifference, diffScenarios, formatSpecValue } from '../../../src/renderer/views/compare/scenario-diff.ts';
import { scenarioSchema } from '../../../src/shared/scenario/schema.ts';
import { builtin } from '../../shared/timeline/instant-events.ts';

const resolved = (input: object) => JSON.parse(JSON.stringify(scenarioSchema.parse(input))) as unknown;

describe('diffScenarios', () => {
  it('names the one key that differs, as "path: a -> b"', () => {
    const a = resolved({ retry: { jitter: 'none' } });
    const b = resolved({ retry: { jitter: 'full' } });
    const diffs = diffScenarios([a, b]);
    expect(diffs).toEqual([{ path: 'retry.jitter', values: ['none', 'full'] }]);
    expect(describeDifference(diffs[0]!)).toBe('retry.jitter: none -> full');
  });

  it('finds the differences between the two retry-storm built-ins (jitter), ignoring name, text and seed', () => {
    const diffs = diffScenarios([resolved(builtin('retry-storm-no-jitter')), resolved(builtin('retry-storm-full-jitter'))]);
    expect(diffs.map((d) => d.path)).toContain('retry.jitter');
    expect(diffs.map((d) => d.path)).not.toContain('name');
    expect(diffs.map((d) => d.path)).not.toContain('notice');
    expect(diffs.find((d) => d.path === 'retry.jitter')!.values).toEqual(['none', 'full']);
  });

  it('reports nothing for equal scenarios, even when only the seed differs', () => {
    expect(diffScenarios([resolved({ seed: 1 }), resolved({ seed: 2 })])).toEqual([]);
  });

  it('indexes arrays and treats an added subtree as one difference', () => {
    const a = resolved({ faults: [] });
    const b = resolved({ faults: [{ kind: 'outage', jobType: 'work', from: 10, to: 40 }] });
    const diffs = diffScenarios([a, b]);
    expect(diffs).toHaveLength(1);
    expect(diffs[0]!.path).toBe('faults[0]');
    expect(diffs[0]!.values[0]).toBe('(none)');
    expect(diffs[0]!.values[1]).toBe('{ kind: outage, jobType: work, from: 10, to: 40, error: downstream unavailable (503) }');
    const rates = diffScenarios([resolved({ producers: [{ arrival: { kind: 'poisson', rate: 1 } }] }), resolved({ producers: [{ arrival: { kind: 'poisson', rate: 2 } }] })]);
    expect(rates.map(describeDifference)).toEqual(['producers[0].arrival.rate: 1 -> 2']);
  });

  it('lists every run\'s value for three or more runs', () => {
    const diffs = diffScenarios([1, 2, 4].map((count) => resolved({ workers: { count } })));
    expect(diffs.map(describeDifference)).toEqual(['workers.count: 1 / 2 / 4']);
  });

  it('needs two scenarios, and treats a missing one as empty', () => {
    expect(diffScenarios([resolved({})])).toEqual([]);
    expect(diffScenarios([null, { workers: { count: 2 } }]).map(describeDifference)).toEqual(['workers: (none) -> { count: 2 }']);
    expect(formatSpecValue([1, 'a'])).toBe('[1, a]');
  });
});

describe('labels of compared runs', () => {
  it('names each run by scenario, the varied keys and the seed', () => {
    const diffs = diffScenarios([resolved({ retry: { jitter: 'none' } }), resolved({ retry: { jitter: 'full' } })]);
    expect(runLabels([{ scenario: 'Storm', seed: 42 }, { scenario: 'Storm', seed: 42 }], diffs)).toEqual([
      'A: Storm · retry.jitter=none · seed 42',
      'B: Storm · retry.jitter=full · seed 42',
    ]);
  });

  it('keeps long values (a whole job type) out of the legend, and cuts them in the diff line', () => {
    const diffs = diffScenarios([resolved({}), resolved({ jobTypes: { call_api: { duration: { kind: 'constant', value: 0.2 } } } })]);
    const label = runLabels([{ scenario: 'A', seed: 1 }, { scenario: 'B', seed: 2 }], diffs)[1]!;
    expect(label).toBe(`B: B · +${diffs.length} more · seed 2`);
    for (const d of diffs) expect(describeDifference(d).length).toBeLessThan(d.path.length + 2 * 48 + 8);
  });

  it('says what the seeds mean', () => {
    expect(seedStatement([7, 7])).toBe('Same seed: same arrivals and the same draws, so the difference is the policy alone.');
    expect(seedStatement([7, 8])).toMatch(/^Different seeds \(7, 8\): .*part of the difference is chance/);
  });
});
