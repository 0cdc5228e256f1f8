// The lane colours live with the state colours in src/shared/theme, so the exported report paints the same bars.
export { OUTCOME_COLORS, OUTCOME_LABELS } from '../../../shared/theme/lane-colors.ts';
