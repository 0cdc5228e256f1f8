// Reopening a run from the history also puts its scenario back in the
// editor (and its mode and seed in the run settings), so the next Run runs
// what the screen shows instead of whatever the editor held before. A run
// of an untouched built-in reopens as that built-in (its lesson card and
// key); anything else comes back as the stored, resolved scenario text.
import { stringify } from 'yaml';
import type { RunDetail, ScenarioInfo } from '../../shared/lab-api/lab-api.ts';
import { matchBuiltin } from '../../shared/library/match-builtin.ts';
import { useConnection } from './connection-store.ts';
import { openRun } from './run-actions.ts';
import { useRunSettings } from './run-settings-store.ts';
import { useScenario } from './scenario-store.ts';

/** The built-in whose resolved scenario is the run's (seed aside: the run may have overridden it). */
export function builtinOfRun(detail: Pick<RunDetail, 'scenarioSpec'>, builtins: readonly ScenarioInfo[]): { info: ScenarioInfo; seed: number } | null {
  return matchBuiltin(detail.scenarioSpec, builtins);
}

/** Loads the run's scenario into the editor and the run settings. */
export function loadRunScenario(detail: RunDetail): void {
  if (!detail.scenarioSpec) return;
  const scenario = useScenario.getState();
  const builtin = builtinOfRun(detail, scenario.builtins);
  const settings = useRunSettings.getState();
  settings.setMode(detail.mode);
  if (builtin) {
    scenario.pickBuiltin(builtin.info.key);
    settings.setSeed(builtin.seed === detail.seed ? null : detail.seed);
  } else {
    scenario.loadFile(`run ${detail.id}`, `# ${detail.scenario}: the scenario of run ${detail.id}\n${stringify(detail.scenarioSpec, { lineWidth: 0 })}`);
    settings.setSeed(null);
  }
}

/** What a click on a history row does: open the run and put its scenario in the editor. */
export async function reopenRun(runId: string): Promise<void> {
  const api = useConnection.getState().api;
  const opening = openRun(runId);
  if (api) {
    try {
      loadRunScenario(await api.getRun({ id: runId }));
    } catch {
      // openRun reports a run that cannot be read; the editor keeps its text
    }
  }
  await opening;
}
