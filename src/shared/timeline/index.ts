export { RunTimeline } from './run-timeline.ts';
export type { TimelineSnapshot } from './snapshot.ts';
export { LANE_OUTCOMES, LANE_OUTCOME_CODE } from './lane-outcomes.ts';
export type * from './types.ts';
export type { TimelineViewProps } from './view-props.ts';
export { faultMarks, labelRows, markStart, shortFaultLabel, type FaultMark } from './fault-marks.ts';
