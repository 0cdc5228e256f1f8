// The wire form of a RunTimeline: what the main process sends the renderer
// for a stored run (LabApi), in one message. Plain JSON, columnar, and
// independent of how many events the run had: its size grows with buckets
// (<= maxBuckets), histogram bins and attempt bars, never with events.
//
// Format (version 1):
//   v            1
//   options      the RunTimelineOptions the timeline was built with
//   eventCount   events added
//   endTime      scenario seconds of the last event
//   width        bucket width in seconds; bucket i = [i*width, (i+1)*width)
//   buckets      buckets in use
//   edges        { "<from>><to>": number[] }  transitions per bucket, one
//                entry per used edge; from "new" is enqueue. State counts at
//                any bucket boundary are the prefix sums of these.
//   latency      per-bucket time-in-system histograms, sparse:
//                [bucket, bin, count, bucket, bin, count, ...]
//   waitHist, totalHist, retryDelayHist   overall log histograms, sparse
//                [bin, count, ...] (bins: see log-histogram.ts)
//   latencySums  [waitSum, waitMax, totalSum, totalMax]
//   retryDelayMax
//   retryDelaysExact  [delay, count, ...] while there were few distinct delays, else null
//   attempts     attempts[n] = finished jobs that took n attempts
//   workers      lane names, in order of first appearance
//   bars         { worker, job, attempt, start, end (null = running), outcome (LANE_OUTCOMES code) }
//                as parallel number arrays
//   markers      [{ worker, t, kind, detail }]
//   faults       [{ label, start, end }]
//   droppedBars  attempts past maxLaneBars (counted, not drawn)
//   open         per unfinished or dead job, what is needed to keep adding
//                events after a reload (live runs), flat:
//                [job, stateCode, enqueuedAt, failedAt, attempts, ...]; -1 for an unknown time
// NaN is not JSON, so a running bar's end is null and unknown times are -1.
import type { FaultSpan, RunTimelineOptions, WorkerMarker } from './types.ts';

export interface TimelineSnapshot {
  v: 1;
  options: Required<RunTimelineOptions>;
  eventCount: number;
  endTime: number;
  width: number;
  buckets: number;
  edges: Record<string, number[]>;
  latency: number[];
  waitHist: number[];
  totalHist: number[];
  retryDelayHist: number[];
  latencySums: [number, number, number, number];
  retryDelayMax: number;
  retryDelaysExact: number[] | null;
  attempts: number[];
  workers: string[];
  bars: {
    worker: number[];
    job: number[];
    attempt: number[];
    start: number[];
    end: (number | null)[];
    outcome: number[];
  };
  markers: WorkerMarker[];
  faults: FaultSpan[];
  droppedBars: number;
  open: number[];
}
