// "Compare with its twin": the open run of a built-in against a run of its
// twin (the same scenario but for the one policy the lesson is about), in
// one click. A stored run of the twin with the same seed is reused; without
// one the twin is run in instant mode first, so the pair is never "go and
// run the other one, then come back and pick both".
import type { LabApi, RunInfo, ScenarioInfo } from '../../../shared/lab-api/lab-api.ts';
import { builtinOfRun } from '../../state/reopen-run.ts';
import { loadRunDetail } from './compared-run-cache.ts';

export interface TwinOfRun {
  run: RunInfo;
  builtin: ScenarioInfo;
  twin: ScenarioInfo;
}

/** The open run's built-in and its twin, when the run is an untouched built-in that has one. */
export async function twinOfRun(api: LabApi, run: RunInfo, builtins: readonly ScenarioInfo[]): Promise<TwinOfRun | null> {
  const detail = await loadRunDetail(api, run.id);
  const builtin = builtinOfRun(detail, builtins)?.info;
  const twin = builtin?.twin ? builtins.find((b) => b.key === builtin.twin) : undefined;
  return builtin && twin ? { run, builtin, twin } : null;
}

/** The newest finished run of the twin with the run's seed and mode, if one is stored. */
export function storedTwinRun(runs: readonly RunInfo[], pair: TwinOfRun): RunInfo | null {
  const name = pair.twin.scenario.name;
  return runs.find((r) => r.id !== pair.run.id && r.scenario === name && r.seed === pair.run.seed && r.mode === pair.run.mode && r.status === 'completed') ?? null;
}

/** [open run, twin run]: the twin's stored run, or a new instant run of it with the same seed. */
export async function twinPair(api: LabApi, runs: readonly RunInfo[], pair: TwinOfRun): Promise<[string, string]> {
  const stored = storedTwinRun(runs, pair);
  if (stored) return [pair.run.id, stored.id];
  const summary = await api.runInstant({ builtinKey: pair.twin.key, seed: pair.run.seed, store: 'full' });
  return [pair.run.id, summary.run_id];
}
