// A run reopened from the history brings its scenario back into the editor:
// an untouched built-in as that built-in (seed override kept in the
// settings), anything else as the stored scenario text.
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RunDetail, ScenarioInfo } from '../../../src/shared/lab-api/lab-api.ts';
import { BUILTIN_SCENARIOS as BUILTINS } from '../../../src/shared/library/index.ts';
import { scenarioSchema } from '../../../src/shared/scenario/schema.ts';
import { builtinOfRun, loadRunScenario } from '../../../src/renderer/state/reopen-run.ts';
import { useRunSettings } from '../../../src/renderer/state/run-settings-store.ts';
import { useScenario } from '../../../src/renderer/state/scenario-store.ts';

const infos: ScenarioInfo[] = BUILTINS.map((b) => ({ key: b.key, title: b.title, source: b.source, teaches: b.teaches, notice: b.notice, scenario: b.scenario }));

function detail(spec: Record<string, unknown>, seed: number, mode: 'instant' | 'live' = 'instant'): RunDetail {
  return {
    id: 'r9', num: 9, scenario: String(spec.name), mode, seed, status: 'completed', storeLevel: 'full', createdAt: '2026-12-05T20:00:00Z',
    finishedAt: null, simTime: 1, error: null, ownerPid: null, summary: null, scenarioSpec: spec,
  } as RunDetail;
}

const resolved = (key: string, change: (s: Record<string, unknown>) => void = () => undefined): Record<string, unknown> => {
  const s = scenarioSchema.parse(infos.find((b) => b.key === key)!.scenario) as Record<string, unknown>;
  change(s);
  return s;
};

beforeEach(() => {
  useScenario.getState().setBuiltins(infos);
  useScenario.getState().pickBuiltin('mm3-baseline');
  useRunSettings.setState({ mode: 'instant', seed: null });
});

describe('reopening a run', () => {
  it('recognises a built-in by its resolved scenario, whatever seed the run used', () => {
    expect(builtinOfRun(detail(resolved('poison-message'), 11), infos)?.info.key).toBe('poison-message');
    expect(builtinOfRun(detail(resolved('poison-message', (s) => (s.seed = 99)), 99), infos)?.info.key).toBe('poison-message');
    expect(builtinOfRun(detail(resolved('poison-message', (s) => ((s.workers as { count: number }).count = 6)), 11), infos)).toBeNull();
  });

  it('puts the built-in back in the editor with the run\'s mode and seed', () => {
    loadRunScenario(detail(resolved('poison-message', (s) => (s.seed = 99)), 99, 'live'));
    expect(useScenario.getState().builtinKey).toBe('poison-message');
    expect(useRunSettings.getState()).toMatchObject({ mode: 'live', seed: 99 });
  });

  it('puts an edited scenario back as its stored text, so Run runs exactly it', () => {
    loadRunScenario(detail(resolved('poison-message', (s) => ((s.workers as { count: number }).count = 6)), 11));
    const state = useScenario.getState();
    expect(state.builtinKey).toBeNull();
    expect((parse(state.text) as { workers: { count: number } }).workers.count).toBe(6);
    expect(useRunSettings.getState().seed).toBeNull();
  });
});
