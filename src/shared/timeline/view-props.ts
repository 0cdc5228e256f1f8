import type { RunTimeline } from './run-timeline.ts';

/** What every timeline view takes. `version` bumps when events were added: memoise on it, not on `timeline` (same object). */
export interface TimelineViewProps {
  timeline: RunTimeline;
  version: number;
  /** Playback time in scenario seconds. */
  cursor: number;
  selectedJob?: number | null;
  onSelectJob?: (seq: number) => void;
}
