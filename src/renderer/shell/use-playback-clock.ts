// Advances the playback cursor on animation frames while a finished run
// plays: `speed` scenario seconds per wall second, stopping at the end.
import { useEffect } from 'react';
import { usePlayback } from '../state/playback-store.ts';
import { runEndTime, useRun } from '../state/run-store.ts';

export function usePlaybackClock(): void {
  const playing = usePlayback((s) => s.playing);
  const follow = usePlayback((s) => s.follow);
  useEffect(() => {
    if (!playing || follow) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const dt = Math.min(0.25, (now - last) / 1000); // a hidden tab must not jump the cursor
      last = now;
      const { cursor, speed } = usePlayback.getState();
      const run = useRun.getState();
      const end = runEndTime(run);
      const next = cursor + dt * speed;
      if (next >= end && run.phase !== 'live' && run.phase !== 'loading') {
        usePlayback.setState({ cursor: end, playing: false });
        return;
      }
      usePlayback.setState({ cursor: Math.min(next, end) });
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, follow]);
}
