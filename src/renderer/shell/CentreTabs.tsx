// [Scenario] [Charts] [Dead letters N] [Event log] [Compare] [Sweep]: the ARIA tabs pattern
// (arrow keys move between tabs, one tab stop), panels rendered only when
// shown so hidden views do no work.
import { useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Charts } from '../views/charts/Charts.tsx';
import { CompareView } from '../views/compare/CompareView.tsx';
import { SweepView } from '../views/sweep/SweepView.tsx';
import { usePlayback } from '../state/playback-store.ts';
import { useRun } from '../state/run-store.ts';
import { useSelection } from '../state/selection-store.ts';
import { ScenarioEditor } from '../editor/ScenarioEditor.tsx';
import { DeadLettersView, EventLogView } from './run-views.tsx';

type TabKey = 'scenario' | 'charts' | 'dead' | 'log' | 'compare' | 'sweep';
const TABS: readonly TabKey[] = ['scenario', 'charts', 'dead', 'log', 'compare', 'sweep'];

/** Dead jobs at the cursor and at the end of the run: the tab follows the timeline like the board does. */
function useDeadCounts(): { now: number; end: number } | null {
  const cursor = usePlayback((s) => s.cursor);
  return useRun(
    useShallow((s) => {
      if (s.runId === null) return null;
      if (s.timeline.eventCount === 0) return s.summary ? { now: s.summary.jobs.dead, end: s.summary.jobs.dead } : null;
      const endTime = Math.max(s.lastEventTime, s.timeline.endTime);
      return { now: s.timeline.countsAt(Math.min(cursor, endTime)).dead, end: s.timeline.countsAt(endTime).dead };
    }),
  );
}

function deadLabel(dead: { now: number; end: number } | null, live: boolean): string {
  if (dead === null) return 'Dead letters';
  // A replay before its end: what the board shows now, and what is coming.
  if (!live && dead.now !== dead.end) return `Dead letters ${dead.now} now, ${dead.end} by the end`;
  return `Dead letters ${dead.now}`;
}

function ChartsPanel(): ReactElement {
  const timeline = useRun((s) => s.timeline);
  const version = useRun((s) => s.version);
  const hasRun = useRun((s) => s.runId !== null);
  const cursor = usePlayback((s) => s.cursor);
  const { selectedJob, selectJob } = useSelection();
  const overload = useRun((s) => s.overload);
  if (!hasRun) return <p className="empty-state">No run yet: press Run to chart queue depth, throughput, latency and retry delays.</p>;
  return <Charts timeline={timeline} version={version} cursor={cursor} selectedJob={selectedJob} onSelectJob={selectJob} {...overload} />;
}

export function CentreTabs(): ReactElement {
  const [tab, setTab] = useState<TabKey>('scenario');
  const refs = useRef<Record<TabKey, HTMLButtonElement | null>>({ scenario: null, charts: null, dead: null, log: null, compare: null, sweep: null });
  const dead = useDeadCounts();
  const live = useRun((s) => s.phase === 'live');
  const labels: Record<TabKey, string> = {
    scenario: 'Scenario',
    charts: 'Charts',
    dead: deadLabel(dead, live),
    log: 'Event log',
    compare: 'Compare',
    sweep: 'Sweep',
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    refs.current[next]?.focus();
  };
  return (
    <div className="centre-tabs" id="run-details" tabIndex={-1}>
      <div role="tablist" aria-label="Run details" className="tablist" onKeyDown={onKeyDown}>
        {TABS.map((key) => (
          <button
            key={key}
            ref={(el) => {
              refs.current[key] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${key}`}
            aria-selected={tab === key}
            aria-controls={`panel-${key}`}
            tabIndex={tab === key ? 0 : -1}
            onClick={() => setTab(key)}
          >
            {labels[key]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'scenario' && (
          <section aria-label="Scenario editor">
            <ScenarioEditor />
          </section>
        )}
        {tab === 'charts' && <ChartsPanel />}
        {tab === 'dead' && (
          <section aria-label="Dead letters panel">
            <DeadLettersView />
          </section>
        )}
        {tab === 'log' && (
          <section aria-label="Event log">
            <EventLogView />
          </section>
        )}
        {tab === 'compare' && <CompareView />}
        {tab === 'sweep' && <SweepView />}
      </div>
    </div>
  );
}
