// One colour per job state, used by every view (flow board, lanes, charts,
// tables) so a student learns the mapping once. Colours come from the
// Okabe-Ito palette, which stays distinguishable for the common forms of
// colour blindness; cancelled takes a neutral grey instead of Okabe-Ito's
// black so it stays visible on the dark theme. Colour is never the only cue:
// every state also has a label and a glyph. Shared (not renderer-only) so
// that the exported report paints the same colours as the app.
import type { JobState } from '../job/states.ts';

export const STATE_COLORS: Readonly<Record<JobState, string>> = {
  scheduled: '#CC79A7', // reddish purple
  pending: '#56B4E9', // sky blue
  processing: '#0072B2', // blue
  succeeded: '#009E73', // bluish green
  retrying: '#E69F00', // orange
  dead: '#D55E00', // vermillion
  cancelled: '#8C8C8C', // neutral grey
};

/** What the UI calls each state (the seeds' words where they differ: RETRY, SUCCESS, FAILED/dead). */
export const STATE_LABELS: Readonly<Record<JobState, string>> = {
  scheduled: 'Scheduled',
  pending: 'Pending',
  processing: 'Processing',
  succeeded: 'Succeeded',
  retrying: 'Retrying',
  dead: 'Dead',
  cancelled: 'Cancelled',
};

/** A short glyph per state, for places too small for the label (lane bars, legends). */
export const STATE_GLYPHS: Readonly<Record<JobState, string>> = {
  scheduled: '◷',
  pending: '○',
  processing: '▶',
  succeeded: '✓',
  retrying: '↻',
  dead: '✕',
  cancelled: '–',
};

/**
 * Text colour readable on top of the state's fill (WCAG contrast >= 4.5):
 * white only on blue (5.2); every other fill is light enough for near-black
 * (vermillion with white would be 3.9, so dead takes dark text too).
 */
export const STATE_TEXT_ON_FILL: Readonly<Record<JobState, string>> = {
  scheduled: '#111111',
  pending: '#111111',
  processing: '#FFFFFF',
  succeeded: '#111111',
  retrying: '#111111',
  dead: '#111111',
  cancelled: '#111111',
};
