// The run on screen: its timeline (aggregates only, never the raw events),
// a version bumped on every flush so views know to redraw, and where it came
// from. One run is open at a time; opening another replaces it.
import { create } from 'zustand';
import type { RunInfo } from '../../shared/lab-api/lab-api.ts';
import type { RunSummary } from '../../shared/metrics/run-summary.ts';
import { RunTimeline } from '../../shared/timeline/index.ts';
import type { TriggerWindow } from '../../shared/overload/verdict.ts';

export type RunPhase =
  | 'idle' // nothing open yet
  | 'starting' // asked the host to run; no run id yet
  | 'loading' // reading a stored run's events
  | 'live' // a live run is producing events
  | 'finished' // every event is in the timeline
  | 'error';

export interface RunState {
  runId: string | null;
  mode: 'instant' | 'live' | null;
  phase: RunPhase;
  /** Built-in key the run came from, for its teaching text. */
  builtinKey: string | null;
  scenarioName: string | null;
  /** Jobs the scenario will enqueue (live progress), when known. */
  plannedJobs: number | null;
  /** The run's job types (chaos outage and poison name one). */
  jobTypes: string[];
  /** The run's downstream services (a chaos capacity drop names one). */
  services: string[];
  /** Whether its jobs call downstream services, and its trigger (the service charts). */
  overload: { services: boolean; trigger: TriggerWindow | null };
  timeline: RunTimeline;
  /** Bumped on every batch folded into the timeline. */
  version: number;
  /** Scenario seconds of the newest event seen. */
  lastEventTime: number;
  eventsLoaded: number;
  /** Events the stored run has, when known (loading progress). */
  eventsExpected: number | null;
  summary: RunSummary | null;
  info: RunInfo | null;
  error: string | null;
}

export const emptyRun = (): Omit<RunState, 'timeline'> & { timeline: RunTimeline } => ({
  runId: null,
  mode: null,
  phase: 'idle',
  builtinKey: null,
  scenarioName: null,
  plannedJobs: null,
  jobTypes: [],
  services: [],
  overload: { services: false, trigger: null },
  timeline: new RunTimeline(),
  version: 0,
  lastEventTime: 0,
  eventsLoaded: 0,
  eventsExpected: null,
  summary: null,
  info: null,
  error: null,
});

export const useRun = create<RunState>(() => emptyRun());

/** The end of the run as far as it is known: the timeline's, the summary's, or the newest event's time. */
export function runEndTime(run: RunState): number {
  return Math.max(run.timeline.endTime, run.summary?.sim_duration_s ?? 0, run.lastEventTime);
}
