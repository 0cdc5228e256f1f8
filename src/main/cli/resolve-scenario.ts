// `queue-lab run X`: X is a scenario file, or the key of a built-in scenario.
import { existsSync } from 'node:fs';
import { findBuiltin } from '../../shared/library/index.ts';
import { formatIssue, type ScenarioIssue } from '../../shared/scenario/errors.ts';
import type { Scenario } from '../../shared/scenario/schema.ts';
import { validateScenario } from '../../shared/scenario/validate.ts';
import { loadScenarioFile } from '../scenario/load-scenario-file.ts';

export type Resolved = { ok: true; scenario: Scenario; source: string } | { ok: false; source: string; issues: ScenarioIssue[] };

export async function resolveScenario(arg: string): Promise<Resolved> {
  const builtin = findBuiltin(arg);
  if (builtin && !existsSync(arg)) {
    const result = validateScenario(builtin.scenario);
    return result.ok ? { ok: true, scenario: result.scenario, source: `built-in ${arg}` } : { ok: false, source: `built-in ${arg}`, issues: result.issues };
  }
  const loaded = await loadScenarioFile(arg);
  if (!loaded.ok && !existsSync(arg) && !/[./\\]/.test(arg)) {
    return { ok: false, source: arg, issues: [{ path: '(file)', message: `no file and no built-in scenario named "${arg}"; \`queue-lab scenarios\` lists the built-ins` }] };
  }
  return loaded.ok ? { ok: true, scenario: loaded.scenario, source: arg } : { ok: false, source: arg, issues: loaded.issues };
}

export function printIssues(source: string, issues: readonly ScenarioIssue[], write: (line: string) => void): void {
  write(`${source}: ${issues.length} error${issues.length === 1 ? '' : 's'}, nothing was run`);
  for (const issue of issues) write(`  ${formatIssue(issue)}`);
}
