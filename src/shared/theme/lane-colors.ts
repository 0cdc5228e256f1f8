// Worker-lane bars, in the app and in the exported report: a bar takes the
// colour of the state its attempt led to; crashed and lost attempts are grey
// (with a mark, so they read without colour).
import type { LaneOutcome } from '../timeline/types.ts';
import { STATE_COLORS } from './state-colors.ts';

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
