// jobs.id = runs.num * 2^32 + jobs.seq. Every writer (an instant run's bulk
// recorder, live workers, the HTTP enqueue) knows a job's id from its run and
// number without a lookup, and ids of different runs never collide.
const RUN_STRIDE = 2 ** 32;

export function jobId(runNum: number, seq: number): number {
  return runNum * RUN_STRIDE + seq;
}

export function jobSeqOf(id: number): number {
  return id % RUN_STRIDE;
}
