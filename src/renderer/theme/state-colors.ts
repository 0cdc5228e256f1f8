// The palette lives in src/shared/theme so the exported report (src/shared/report)
// uses the same colours; the renderer keeps importing it from here.
export { STATE_COLORS, STATE_GLYPHS, STATE_LABELS, STATE_TEXT_ON_FILL } from '../../shared/theme/state-colors.ts';
