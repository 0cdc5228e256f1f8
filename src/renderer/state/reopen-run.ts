// Reopening a run from the history also puts its scenario back in the
// editor (and its mode and seed in the run settings), so the next Run runs
// what the screen shows instead of whatever the editor held before. A run
// of an untouched built-in reopens as that built-in (its lesson card and
// key); anything else comes back as the stored, resolved scenario text.
import { stringify } from 'yaml';
import type { RunDetail, ScenarioInfo } from '../../shared/lab-api/lab-api.ts';
import { scenarioSchema } from '../../shared/scenario/schema.ts';
import { useConnection } from './connection-store.ts';
import { openRun } from './run-actions.ts';
import { useRunSettings } from './run-settings-store.ts';
import { useScenario } from './scenario-store.ts';

function withoutSeed(spec: unknown): string {
  const { seed: _seed, ...rest } = (spec ?? {}) as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** The built-in whose resolved scenario is the run's (seed aside: the run may have overridden it). */
export function builtinOfRun(detail: Pick<RunDetail, 'scenarioSpec'>, builtins: readonly ScenarioInfo[]): { info: ScenarioInfo; seed: number } | null {
  if (!detail.scenarioSpec) return null;
  const stored = withoutSeed(detail.scenarioSpec);
  for (const info of builtins) {
    const resolved = scenarioSchema.safeParse(info.scenario);
    if (resolved.success && withoutSeed(resolved.data) === stored) return { info, seed: resolved.data.seed };
  }
  return null;
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
