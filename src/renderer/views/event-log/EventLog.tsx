// The event log: every event of the run up to the timeline cursor, newest at
// the bottom, filterable by job, worker and kind, in follow mode while the
// run streams. Clicking a row selects its job in every view.
import { useEffect, useMemo, useReducer, useRef, useState, type ReactElement } from 'react';
import { EVENT_KINDS, type EventKind } from '../../../shared/events.ts';
import type { LabApi } from '../../../shared/lab-api/lab-api.ts';
import { useThrottledValue } from '../inspector/use-throttled-value.ts';
import { useStoreChanges } from '../dead-letters/store-changes.ts';
import { EventLogSource, MAX_MATCHES, type EventFilter } from './event-log-source.ts';
import { EventRows } from './EventRows.tsx';
import './event-log.css';

export interface EventLogProps {
  api: LabApi;
  runId: string;
  /** Bumps when the run has new events. */
  version: number;
  /** The timeline cursor in scenario seconds: events after it are hidden. */
  cursor: number;
  selectedJob: number | null;
  onSelectJob?(seq: number): void;
}

export function EventLog({ api, runId, version, cursor, selectedJob, onSelectJob }: EventLogProps): ReactElement {
  const [revision, bump] = useReducer((n: number) => n + 1, 0);
  const frame = useRef<number | null>(null);
  // Pages arrive in bursts while scrolling: redraw at most once per frame.
  const source = useMemo(
    () =>
      new EventLogSource(api, runId, () => {
        if (frame.current !== null) return;
        frame.current = requestAnimationFrame(() => {
          frame.current = null;
          bump();
        });
      }),
    [api, runId],
  );
  useEffect(() => () => source.dispose(), [source]);

  const [jobText, setJobText] = useState('');
  const [worker, setWorker] = useState('');
  const [kind, setKind] = useState<EventKind | ''>('');
  const [following, setFollowing] = useState(true);

  const filter = useMemo<EventFilter>(() => {
    const job = /^\s*\d+\s*$/.test(jobText) ? Number(jobText) : null;
    return { job, worker: worker.trim() === '' ? null : worker.trim(), kind: kind === '' ? null : kind };
  }, [jobText, worker, kind]);
  useEffect(() => source.setFilter(filter), [source, filter]);

  const tick = useThrottledValue(version, 250);
  const cursorShown = useThrottledValue(cursor, 120);
  const actions = useStoreChanges(runId);
  useEffect(() => {
    void source.refresh(cursorShown);
  }, [source, tick, cursorShown, actions]);

  const count = source.rowCount;
  return (
    <div className="ql-log">
      <div className="ql-toolbar" role="toolbar" aria-label="Event log filters">
        <label>
          Job
          <input className="ql-input ql-narrow" inputMode="numeric" value={jobText} placeholder="any" onChange={(e) => setJobText(e.target.value)} />
        </label>
        {selectedJob !== null && String(selectedJob) !== jobText.trim() && (
          <button type="button" className="ql-button" onClick={() => setJobText(String(selectedJob))}>
            Only job {selectedJob}
          </button>
        )}
        <label>
          Worker
          <input className="ql-input ql-narrow" value={worker} placeholder="any" onChange={(e) => setWorker(e.target.value)} />
        </label>
        <label>
          Kind
          <select className="ql-input" value={kind} onChange={(e) => setKind(e.target.value as EventKind | '')}>
            <option value="">any</option>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        {source.filtering && (
          <button
            type="button"
            className="ql-button"
            onClick={() => {
              setJobText('');
              setWorker('');
              setKind('');
            }}
          >
            Clear filters
          </button>
        )}
        <span className="ql-spacer" />
        <button type="button" className="ql-button" aria-pressed={following} onClick={() => setFollowing((f) => !f)}>
          {following ? 'Following newest' : 'Follow newest'}
        </button>
      </div>
      <p className="ql-log-status ql-muted">
        {statusText(source, count)}
      </p>
      <EventRows
        count={count}
        rowAt={(i) => source.rowAt(i)}
        selectedJob={selectedJob}
        following={following}
        onStopFollowing={() => setFollowing(false)}
        onSelectJob={onSelectJob}
        revision={revision}
      />
    </div>
  );
}

function statusText(source: EventLogSource, count: number): string {
  if (source.error) return `Cannot read the event log: ${source.error}`;
  const events = `${count.toLocaleString('en')} event${count === 1 ? '' : 's'}`;
  if (!source.filtering) return count === 0 ? 'No events yet: run a scenario.' : events;
  const dropped = source.droppedOldMatches ? ` (the newest ${MAX_MATCHES.toLocaleString('en')} kept)` : '';
  return `${events} match${count === 1 ? 'es' : ''}${dropped}${source.scanning ? ' so far, reading…' : ''}`;
}
