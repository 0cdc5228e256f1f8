// The simulator's future: timed events in one heap, ordered by time and then
// by the order they were scheduled, which makes every run deterministic.

export const enum Ev {
  Arrival, // a: producer index
  Due, // a: job
  AttemptEnd, // a: slot, b: slot epoch
  LeaseExpired, // a: job, b: attempt number
  WorkerCrash, // a: worker, b: 1 when drawn from a crash rate (schedules the next)
  WorkerHang, // a: worker, b: hang duration (0 = forever)
  WorkerRestart, // a: worker
  Poll, // a: slot, b: slot epoch
  TokensRefilled, // a: queue
  FaultMark, // a: fault index, b: 1 start / 0 end
  CallServed, // a: call id (instant/services.ts)
  CallRefused, // a: call id: the service refused it at once
  CallTimeout, // a: call id: its caller gives up
  LayerRetry, // a: call id: its layer calls the next service again
  Capacity, // a: service index: a window opens or closes
}

export interface SimEvent {
  t: number;
  order: number;
  kind: Ev;
  a: number;
  b: number;
}

export const eventBefore = (x: SimEvent, y: SimEvent): boolean => (x.t !== y.t ? x.t < y.t : x.order < y.order);

/** Events that move jobs forward; when none is left, the run is over. */
export function isProgress(kind: Ev): boolean {
  return kind !== Ev.WorkerCrash && kind !== Ev.WorkerHang && kind !== Ev.Poll && kind !== Ev.FaultMark && kind !== Ev.Capacity;
}
