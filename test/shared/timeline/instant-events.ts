// Runs a scenario in-process and keeps its event log as LabEvents, without a
// database: the timeline tests need the events and the summary, nothing else.
// The run itself is the library tests' (one collecting recorder for both).
import type { LabEvent } from '../../../src/shared/events.ts';
import type { RunSummary } from '../../../src/shared/metrics/run-summary.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { findBuiltin } from '../../../src/shared/library/index.ts';
import { runScenario } from '../library/library-run.ts';

export function runForEvents(input: ScenarioInput): { events: LabEvent[]; summary: RunSummary } {
  const { events, summary } = runScenario(input);
  return { events, summary };
}

export function builtin(key: string): ScenarioInput {
  const found = findBuiltin(key);
  if (!found) throw new Error(`no built-in scenario ${key}`);
  return found.scenario;
}
