import { ATTEMPT_OUTCOMES } from '../job/states.ts';
import type { LaneOutcome } from './types.ts';

/** Codes for LaneBarColumns.outcome: 0 is running, then ATTEMPT_OUTCOMES in order. */
export const LANE_OUTCOMES: readonly LaneOutcome[] = ['running', ...ATTEMPT_OUTCOMES];
export const LANE_OUTCOME_CODE: Readonly<Record<LaneOutcome, number>> = Object.fromEntries(
  LANE_OUTCOMES.map((o, i) => [o, i]),
) as Record<LaneOutcome, number>;
