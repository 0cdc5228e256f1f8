// The bottom scrubber: drag it and every view shows the run at that second.
import type { ReactElement } from 'react';
import { usePlayback } from '../state/playback-store.ts';
import { runEndTime, useRun } from '../state/run-store.ts';
import { formatSeconds } from './format.ts';

export function TimelineSlider(): ReactElement {
  const run = useRun();
  const cursor = usePlayback((s) => s.cursor);
  const setCursor = usePlayback((s) => s.setCursor);
  const pause = usePlayback((s) => s.pause);
  const end = runEndTime(run);
  const usable = (run.phase === 'finished' || run.phase === 'live') && end > 0;
  const step = Math.max(0.01, run.timeline.bucketWidth || end / 1000);
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
