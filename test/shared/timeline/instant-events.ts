// Runs a scenario in-process and keeps its event log as LabEvents, without a
// database: the timeline tests need the events and the summary, nothing else.
import type { EventKind, LabEvent } from '../../../src/shared/events.ts';
import type { JobState } from '../../../src/shared/job/states.ts';
import type { RunSummary } from '../../../src/shared/metrics/run-summary.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { validateScenario } from '../../../src/shared/scenario/validate.ts';
import { findBuiltin } from '../../../src/shared/library/index.ts';
import { HashOnlyRecorder } from '../../../src/main/engine/recorder/hash-only-recorder.ts';
import { Simulation } from '../../../src/main/engine/instant/simulation.ts';
import { instantSummary } from '../../../src/main/engine/summary/instant-summary.ts';

class CollectingRecorder extends HashOnlyRecorder {
  readonly events: LabEvent[] = [];

  override event(t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null, detail: string | null): void {
    super.event(t, job, kind, from, to, worker, detail);
    this.events.push({ seq: this.seq, t, job, kind, from, to, worker, detail });
  }
}

export function runForEvents(input: ScenarioInput): { events: LabEvent[]; summary: RunSummary } {
  const checked = validateScenario(input);
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  const recorder = new CollectingRecorder();
  const result = new Simulation(checked.scenario, recorder, {}).run();
  const summary = instantSummary(checked.scenario, result, { runId: 'test', store: 'none', wallSeconds: 0 });
  return { events: recorder.events, summary };
}

export function builtin(key: string): ScenarioInput {
  const found = findBuiltin(key);
  if (!found) throw new Error(`no built-in scenario ${key}`);
  return found.scenario;
}
