// What the Run / Stop buttons and the run history do: ask the host, load the
// run's timeline (one snapshot instead of every event), then stream the
// events after it through the frame batcher. Kept out of the stores so each
// store stays a plain bag of state.
import { parse } from 'yaml';
import type { LabEvent } from '../../shared/events.ts';
import { LabApiError, type LabApi, type Unsubscribe } from '../../shared/lab-api/lab-api.ts';
import { RunTimeline } from '../../shared/timeline/index.ts';
import { useConnection } from './connection-store.ts';
import { animationFrameScheduler } from './animation-frame-scheduler.ts';
import { FrameBatcher } from './frame-batcher.ts';
import { usePlayback } from './playback-store.ts';
import { useRunHistory } from './run-history-store.ts';
import { useRunSettings } from './run-settings-store.ts';
import { emptyRun, runEndTime, useRun } from './run-store.ts';
import { unchangedBuiltin, useScenario } from './scenario-store.ts';
import { useSelection } from './selection-store.ts';
import { overloadOf } from '../views/charts/service-chart-data.ts';

/** How often a live run is asked whether it has ended (the event stream does not say). */
const LIVE_STATUS_POLL_MS = 1500;
/** A stored run whose event count is unknown counts as loaded after this long without a push. */
const QUIET_LOADED_MS = 600;

let detach: (() => void) | null = null;

function requireApi(): LabApi {
  const api = useConnection.getState().api;
  if (!api) throw new Error('not connected to the lab');
  return api;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why a run did not start, and what to do: a scenario the host refused is the
 * user's to fix; anything else (a lab on PostgreSQL that keeps no instant
 * runs, a host that went away) says its own remedy in its message.
 */
function startFailure(what: string, error: unknown): string {
  const text = `${what} did not start: ${errorText(error).replace(/^(runInstant|startLive): /, '')}`;
  const scenarioAtFault = error instanceof LabApiError && (error.code === 'invalid_scenario' || error.field !== undefined);
  return scenarioAtFault ? `${text} Fix the scenario (the Scenario tab lists its issues) or pick another, then press Run again.` : `${text}.`;
}

function plannedJobs(spec: unknown): number | null {
  const producers = (spec as { producers?: { count?: unknown }[] } | null)?.producers;
  if (!Array.isArray(producers)) return null;
  return producers.reduce((sum, p) => sum + (typeof p.count === 'number' ? p.count : 100), 0);
}

/** The names under the scenario's `key` (jobTypes, services), none when it has none. */
function namesOf(spec: unknown, key: 'jobTypes' | 'services'): string[] {
  const map = (spec as Record<string, unknown> | null)?.[key];
  return map && typeof map === 'object' ? Object.keys(map) : [];
}

function closeCurrent(): void {
  detach?.();
  detach = null;
}

/** Folds the run's events into the store's timeline, one flush per frame. */
async function streamEvents(api: LabApi, runId: string, live: boolean, afterSeq: number): Promise<void> {
  let quietTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  const markLoadedWhenQuiet = (): void => {
    if (live || useRun.getState().eventsExpected !== null) return;
    clearTimeout(quietTimer);
    quietTimer = setTimeout(() => finishLoading(runId), QUIET_LOADED_MS);
  };
  const batcher = new FrameBatcher((events: LabEvent[]) => {
    const run = useRun.getState();
    if (run.runId !== runId) return;
    run.timeline.add(events);
    const eventsLoaded = run.eventsLoaded + events.length;
    const lastEventTime = Math.max(run.lastEventTime, events[events.length - 1]?.t ?? 0);
    useRun.setState({ version: run.version + 1, eventsLoaded, lastEventTime });
    if (usePlayback.getState().follow) usePlayback.setState({ cursor: lastEventTime });
    if (run.eventsExpected !== null && eventsLoaded >= run.eventsExpected) finishLoading(runId);
    markLoadedWhenQuiet();
  }, animationFrameScheduler);
  let unsubscribe: Unsubscribe | null = null;
  let detached = false;
  detach = () => {
    detached = true;
    clearTimeout(quietTimer);
    clearInterval(pollTimer);
    batcher.close();
    unsubscribe?.();
  };
  const sub = await api.subscribeEvents({ runId, afterSeq }, (batch) => batcher.push(batch.events));
  if (detached) return sub();
  unsubscribe = sub;
  markLoadedWhenQuiet();
  if (live) pollTimer = setInterval(() => void checkLiveEnded(api, runId), LIVE_STATUS_POLL_MS);
}

function finishLoading(runId: string): void {
  const run = useRun.getState();
  if (run.runId !== runId || run.phase !== 'loading') return;
  useRun.setState({ phase: 'finished' });
  // A run opened to replay starts at 0 and plays, at a speed that fits it in
  // about 25 s unless the user chose one; "Skip to end" shows all of it.
  if (usePlayback.getState().fitSpeed) usePlayback.getState().fitTo(runEndTime(useRun.getState()));
  usePlayback.setState({ cursor: 0, playing: true, follow: false });
}

async function checkLiveEnded(api: LabApi, runId: string): Promise<void> {
  try {
    const info = await api.getRun({ id: runId });
    const run = useRun.getState();
    if (run.runId !== runId || info.status === 'running') return;
    useRun.setState({ phase: 'finished', info, summary: info.summary });
    usePlayback.setState({ follow: false, playing: false, cursor: runEndTime(useRun.getState()) });
    void useRunHistory.getState().refresh(api);
  } catch {
    // a missed poll is retried on the next tick
  }
}

/**
 * The run's timeline so far: the host's snapshot (size independent of the
 * event count, so a 100k-job run opens fast) or, from a host without
 * getTimeline, an empty one that the event stream fills from the start.
 */
async function initialTimeline(api: LabApi, runId: string): Promise<RunTimeline> {
  try {
    return RunTimeline.fromSnapshot(await api.getTimeline({ runId }));
  } catch {
    return new RunTimeline();
  }
}

/** Opens a stored (or still running) run and replays it. */
export async function openRun(runId: string): Promise<void> {
  const api = requireApi();
  closeCurrent();
  useSelection.getState().selectJob(null);
  usePlayback.getState().reset();
  useRun.setState({ ...emptyRun(), runId, phase: 'loading' });
  try {
    const info = await api.getRun({ id: runId });
    const live = info.status === 'running';
    const timeline = await initialTimeline(api, runId);
    if (useRun.getState().runId !== runId) return; // another run was opened meanwhile
    const loaded = timeline.eventCount;
    useRun.setState({
      mode: info.mode,
      info,
      summary: info.summary,
      scenarioName: info.scenario,
      plannedJobs: plannedJobs(info.scenarioSpec),
      jobTypes: namesOf(info.scenarioSpec, 'jobTypes'),
      services: namesOf(info.scenarioSpec, 'services'),
      overload: overloadOf(info.scenarioSpec),
      timeline,
      version: 1,
      eventsLoaded: loaded,
      lastEventTime: timeline.endTime,
      eventsExpected: info.summary?.events ?? null,
      phase: live ? 'live' : 'loading',
    });
    if (live) usePlayback.setState({ follow: true, playing: true, cursor: timeline.endTime });
    const complete = !live && info.summary !== null && loaded >= info.summary.events;
    if (complete) finishLoading(runId);
    // Even a finished run gets new events: a dead job retried or forgotten from the table.
    await streamEvents(api, runId, live, loaded);
  } catch (error) {
    useRun.setState({ phase: 'error', error: `Could not open run ${runId}: ${errorText(error)}` });
  }
}

/** The editor's scenario as run parameters: a built-in by key while untouched, else the parsed text. */
export function scenarioParams(): { builtinKey: string } | { scenario: Record<string, unknown> } {
  const scenario = useScenario.getState();
  const builtin = unchangedBuiltin(scenario);
  if (builtin) return { builtinKey: builtin.key };
  const data = parse(scenario.text) as unknown;
  return { scenario: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {} };
}

export async function runInstant(): Promise<void> {
  const api = requireApi();
  const { seed } = useRunSettings.getState();
  closeCurrent();
  useRun.setState({ ...emptyRun(), mode: 'instant', phase: 'starting' });
  try {
    const params = scenarioParams();
    const summary = await api.runInstant({ ...params, ...(seed === null ? {} : { seed }), store: 'full' });
    void useRunHistory.getState().refresh(api);
    await openRun(summary.run_id);
  } catch (error) {
    useRun.setState({ phase: 'error', error: startFailure('The run', error) });
  }
}

export async function startLive(): Promise<void> {
  const api = requireApi();
  const { seed, timeScale } = useRunSettings.getState();
  closeCurrent();
  useRun.setState({ ...emptyRun(), mode: 'live', phase: 'starting' });
  try {
    const { runId } = await api.startLive({ ...scenarioParams(), ...(seed === null ? {} : { seed }), timeScale });
    void useRunHistory.getState().refresh(api);
    await openRun(runId);
  } catch (error) {
    useRun.setState({ phase: 'error', error: startFailure('The live run', error) });
  }
}

/** Whether the open run is a stopped live run the host can continue (resumeRun). */
export function canResume(run: { phase: string; mode: string | null; info: { status: string } | null }): boolean {
  return run.phase === 'finished' && run.mode === 'live' && run.info?.status === 'interrupted';
}

/**
 * Continues the open, stopped live run; the view then follows it like a fresh
 * live run (openRun sees it running). A refusal leaves the run on screen and
 * says why.
 */
export async function resumeLive(): Promise<void> {
  const run = useRun.getState();
  if (!run.runId || !canResume(run)) return;
  const api = requireApi();
  try {
    await api.resumeRun({ runId: run.runId, timeScale: useRunSettings.getState().timeScale });
  } catch (error) {
    useRun.setState({ error: `Resume failed: ${errorText(error)}` });
    return;
  }
  void useRunHistory.getState().refresh(api);
  await openRun(run.runId);
}

/** Instant: end playback and show the whole run. Live: ask the host to stop the run. */
export async function stopRun(): Promise<void> {
  const run = useRun.getState();
  if (run.phase === 'live' && run.runId) {
    try {
      await requireApi().stopRun({ runId: run.runId });
      // The status poll notices the run has ended and shows the whole of it.
    } catch (error) {
      useRun.setState({ error: `Stop failed: ${errorText(error)}` });
    }
    return;
  }
  usePlayback.setState({ playing: false, follow: false, cursor: runEndTime(run) });
}
