// Runs a built-in in-process, without a database, and keeps what the lesson
// tests look at: the event log, every finished job and the batch outcomes.
// The real Simulation and summary run; only the SQLite writes are skipped,
// so a lesson is checked on the same outcome `queue-lab run KEY` produces.
import type { EventKind, LabEvent } from '../../../src/shared/events.ts';
import type { AttemptOutcome, JobState } from '../../../src/shared/job/states.ts';
import type { Reason } from '../../../src/shared/lifecycle/reasons.ts';
import type { RunSummary } from '../../../src/shared/metrics/run-summary.ts';
import type { ScenarioInput } from '../../../src/shared/scenario/schema.ts';
import { validateScenario } from '../../../src/shared/scenario/validate.ts';
import { findBuiltin, type BuiltinScenario } from '../../../src/shared/library/index.ts';
import { HashOnlyRecorder } from '../../../src/main/engine/recorder/hash-only-recorder.ts';
import type { AttemptRecord, DeadRecord, RecordedJob } from '../../../src/main/engine/recorder/run-recorder.ts';
import { Simulation } from '../../../src/main/engine/instant/simulation.ts';
import { instantSummary } from '../../../src/main/engine/summary/instant-summary.ts';

export interface FinishedJob {
  job: RecordedJob;
  attempts: readonly AttemptRecord[];
  dead: DeadRecord | null;
}

export interface BatchOutcome {
  index: number;
  size: number;
  succeeded: number;
  dead: number;
  cancelled: number;
  outcome: 'then' | 'catch' | null;
}

class CollectingRecorder extends HashOnlyRecorder {
  // True so that the simulator builds job and attempt records for us.
  override readonly storesRows: boolean = true;
  readonly events: LabEvent[] = [];
  readonly jobs: FinishedJob[] = [];
  readonly batchOutcomes: BatchOutcome[] = [];

  override event(
    t: number, job: number | null, kind: EventKind, from: JobState | null, to: JobState | null, worker: string | null, detail: string | null,
    outcome: AttemptOutcome | null, reason: Reason | null,
  ): void {
    super.event(t, job, kind, from, to, worker, detail, outcome, reason);
    this.events.push({ seq: this.seq, t, job, kind, from, to, worker, detail, outcome, reason });
  }

  override job(job: RecordedJob, attempts: readonly AttemptRecord[], dead: DeadRecord | null): void {
    this.jobs.push({ job, attempts: [...attempts], dead });
  }

  override batchOutcome(index: number, size: number, succeeded: number, dead: number, cancelled: number, outcome: 'then' | 'catch' | null): void {
    this.batchOutcomes.push({ index, size, succeeded, dead, cancelled, outcome });
  }
}

export interface LibraryRun {
  summary: RunSummary;
  events: LabEvent[];
  /** Jobs in the order they reached their last state in the run. */
  jobs: FinishedJob[];
  batches: BatchOutcome[];
}

export function builtin(key: string): BuiltinScenario {
  const found = findBuiltin(key);
  if (!found) throw new Error(`no built-in scenario ${key}`);
  return found;
}

/** Runs a scenario as written (validated, defaults filled) with the instant engine. */
export function runScenario(input: ScenarioInput): LibraryRun {
  const checked = validateScenario(input);
  if (!checked.ok) throw new Error(checked.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  const recorder = new CollectingRecorder();
  const result = new Simulation(checked.scenario, recorder, {}).run();
  const summary = instantSummary(checked.scenario, result, { runId: 'library-test', store: 'none', wallSeconds: 0 });
  return { summary, events: recorder.events, jobs: recorder.jobs, batches: recorder.batchOutcomes };
}

const cache = new Map<string, LibraryRun>();

/** Runs a built-in by key, once per test file: several lessons look at one run. */
export function runBuiltin(key: string): LibraryRun {
  let run = cache.get(key);
  if (!run) {
    run = runScenario(builtin(key).scenario);
    cache.set(key, run);
  }
  return run;
}

/** Counts of events of one kind per whole second of scenario time. */
export function perSecond(events: readonly LabEvent[], kind: EventKind, from = 0, to = Infinity): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of events) {
    if (e.kind !== kind || e.t < from || e.t >= to) continue;
    const s = Math.floor(e.t);
    out.set(s, (out.get(s) ?? 0) + 1);
  }
  return out;
}

export function peak(counts: Map<number, number>): number {
  let max = 0;
  for (const n of counts.values()) max = Math.max(max, n);
  return max;
}

/** Jobs waiting (pending, scheduled or retrying) right after time t, replayed from the event log. */
export function waitingAt(events: readonly LabEvent[], t: number): number {
  const waiting = new Set<JobState>(['pending', 'scheduled', 'retrying']);
  let n = 0;
  for (const e of events) {
    if (e.t > t) break;
    if (e.to !== null && e.from !== e.to) {
      if (waiting.has(e.to)) n++;
      if (e.from !== null && waiting.has(e.from)) n--;
    }
  }
  return n;
}
