// The bottom scrubber: drag it and every view shows the run at that second.
// Arrow keys move one scenario second (Page Up/Down ten): the range's own
// step is a timeline bucket (0.05 s), far too fine to walk a run by keyboard.
import type { KeyboardEvent, ReactElement } from 'react';
import { usePlayback } from '../state/playback-store.ts';
import { runEndTime, useRun } from '../state/run-store.ts';
import { formatSeconds } from './format.ts';

const KEY_SECONDS: Record<string, number> = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 10, PageDown: -10 };

export function TimelineSlider(): ReactElement {
  const run = useRun();
  const cursor = usePlayback((s) => s.cursor);
  const setCursor = usePlayback((s) => s.setCursor);
  const pause = usePlayback((s) => s.pause);
  const end = runEndTime(run);
  const usable = (run.phase === 'finished' || run.phase === 'live') && end > 0;
  const step = Math.max(0.01, run.timeline.bucketWidth || end / 1000);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const by = KEY_SECONDS[e.key];
    if (by === undefined || !usable) return;
    e.preventDefault();
    pause();
    setCursor(Math.min(end, Math.max(0, cursor + by)));
  };
  return (
    <footer className="timeline-bar">
      <section aria-label="Timeline" className="timeline">
        <span className="num timeline-time">{formatSeconds(usable ? cursor : 0)} s</span>
        <input
          type="range"
          aria-label="Scenario time"
          aria-valuetext={`${formatSeconds(cursor)} of ${formatSeconds(end)} seconds`}
          min={0}
          max={usable ? end : 1}
          step={step}
          value={usable ? Math.min(cursor, end) : 0}
          disabled={!usable}
          onKeyDown={onKeyDown}
          onChange={(e) => {
            pause();
            // The last step rarely lands on the end (the step does not divide the run): End means the end.
            const value = Number(e.target.value);
            setCursor(value > end - step ? end : value);
          }}
        />
        <span className="num timeline-time muted">{usable ? `${formatSeconds(end)} s` : 'no run open'}</span>
      </section>
    </footer>
  );
}
