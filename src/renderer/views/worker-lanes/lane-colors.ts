import type { LaneOutcome } from '../../../shared/timeline/index.ts';
import { STATE_COLORS } from '../../theme/state-colors.ts';

/** Bars take the colour of the state the attempt led to; crashed and lost attempts are grey with a mark. */
export const OUTCOME_COLORS: Readonly<Record<LaneOutcome, string>> = {
  running: STATE_COLORS.processing,
  succeeded: STATE_COLORS.succeeded,
  failed: STATE_COLORS.retrying,
  timeout: STATE_COLORS.dead,
  crashed: STATE_COLORS.cancelled,
  lost: STATE_COLORS.cancelled,
};

export const OUTCOME_LABELS: Readonly<Record<LaneOutcome, string>> = {
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  timeout: 'timed out',
  crashed: 'worker crashed',
  lost: 'lease lost',
};
