// [Scenario] [Charts] [Dead letters N] [Event log] [Compare]: the ARIA tabs pattern
// (arrow keys move between tabs, one tab stop), panels rendered only when
// shown so hidden views do no work.
import { useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { Charts } from '../views/charts/Charts.tsx';
import { CompareView } from '../views/compare/CompareView.tsx';
import { usePlayback } from '../state/playback-store.ts';
import { useRun } from '../state/run-store.ts';
import { useSelection } from '../state/selection-store.ts';
import { ScenarioEditor } from '../editor/ScenarioEditor.tsx';
import { DeadLettersView, EventLogView } from './run-views.tsx';

type TabKey = 'scenario' | 'charts' | 'dead' | 'log' | 'compare';
const TABS: readonly TabKey[] = ['scenario', 'charts', 'dead', 'log', 'compare'];

function useDeadCount(): number | null {
  return useRun((s) => {
    if (s.runId === null) return null;
    if (s.timeline.eventCount > 0) return s.timeline.countsAt(Math.max(s.lastEventTime, s.timeline.endTime)).dead;
    return s.summary?.jobs.dead ?? null;
  });
}

function ChartsPanel(): ReactElement {
  const timeline = useRun((s) => s.timeline);
  const version = useRun((s) => s.version);
  const hasRun = useRun((s) => s.runId !== null);
  const cursor = usePlayback((s) => s.cursor);
  const { selectedJob, selectJob } = useSelection();
  if (!hasRun) return <p className="empty-state">No run yet: press Run to chart queue depth, throughput, latency and retry delays.</p>;
  return <Charts timeline={timeline} version={version} cursor={cursor} selectedJob={selectedJob} onSelectJob={selectJob} />;
}

export function CentreTabs(): ReactElement {
  const [tab, setTab] = useState<TabKey>('scenario');
  const refs = useRef<Record<TabKey, HTMLButtonElement | null>>({ scenario: null, charts: null, dead: null, log: null, compare: null });
  const dead = useDeadCount();
  const labels: Record<TabKey, string> = {
    scenario: 'Scenario',
    charts: 'Charts',
    dead: dead === null ? 'Dead letters' : `Dead letters ${dead}`,
    log: 'Event log',
    compare: 'Compare',
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
      </div>
    </div>
  );
}
