// The scenario a runInstant or startLive call names: an object as a file
// holds it, or a built-in's key, validated with every issue at once, the
// seed overridden when given, and held to the caps a shared host puts on one
// call (src/shared/live/run-caps.ts). Nothing runs when it is refused.
import { LabApiError } from '../../shared/lab-api/lab-api.ts';
import { apiInstantProblem, liveWorkersProblem } from '../../shared/live/run-caps.ts';
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

/** runInstant's scenario: at most MAX_API_INSTANT_JOBS jobs, since the run holds the host's event loop. */
export function instantScenarioOfParams(params: ScenarioParams): Scenario {
  const scenario = scenarioOfParams('runInstant', params);
  const problem = apiInstantProblem(scenario);
  if (problem) throw new LabApiError({ code: 'bad_params', field: 'producers', message: `runInstant: producers: ${problem}` });
  return scenario;
}

/** startLive's scenario: at most MAX_LIVE_WORKERS worker processes, the `workers` override included. */
export function liveScenarioOfParams(params: ScenarioParams & { workers?: number }): Scenario {
  const scenario = scenarioOfParams('startLive', params);
  const problem = liveWorkersProblem(params.workers ?? scenario.workers.count);
  if (problem) {
    const field = params.workers === undefined ? 'workers.count' : 'workers';
    throw new LabApiError({ code: 'bad_params', field, message: `startLive: ${field}: ${problem}` });
  }
  return scenario;
}
