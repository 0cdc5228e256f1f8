// The scenario a runInstant or startLive call names: an object as a file
// holds it, or a built-in's key, validated with every issue at once, the
// seed overridden when given. Nothing runs when it is invalid.
import { LabApiError } from '../../shared/lab-api/lab-api.ts';
import { BUILTIN_SCENARIOS, findBuiltin } from '../../shared/library/index.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { validateScenario } from '../../shared/scenario/validate.ts';

export interface ScenarioParams {
  scenario?: Record<string, unknown>;
  builtinKey?: string;
  seed?: number;
}

export function scenarioOfParams(method: string, { scenario, builtinKey, seed }: ScenarioParams): Scenario {
  let input: unknown = scenario;
  if (builtinKey !== undefined) {
    const builtin = findBuiltin(builtinKey);
    if (!builtin) {
      const known = BUILTIN_SCENARIOS.map((b) => b.key).join(', ');
      throw new LabApiError({ code: 'bad_params', field: 'builtinKey', message: `${method}: builtinKey: no built-in scenario "${builtinKey}" (known: ${known})` });
    }
    input = builtin.scenario;
  }
  const checked = validateScenario(input);
  if (!checked.ok) {
    const n = checked.issues.length;
    throw new LabApiError({ code: 'invalid_scenario', message: `the scenario has ${n} error${n === 1 ? '' : 's'}; nothing ran`, issues: checked.issues });
  }
  return seed === undefined ? checked.scenario : { ...checked.scenario, seed };
}
