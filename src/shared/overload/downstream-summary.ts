// What a run's downstream services did, as the summary reports it
// (`downstream` in the --json object, the Stats panel, the report). Both
// modes fill the same shape: instant mode from its simulated services, live
// mode from the host's HTTP service.

export interface ServiceFigures {
  /** Calls that reached the service (queued or served); local refusals are not calls. */
  calls: number;
  /** calls / jobs of the run: how many calls one job caused here. */
  amplification: number;
  /** Calls whose caller gave up (timed out, or its worker died) before the answer: the service works on them anyway. */
  wasted: number;
  /** Calls refused at once because the queue was at queueLimit. */
  rejected: number;
  /** Busy slot-seconds / (concurrency x run seconds): windows do not shrink the denominator. */
  utilization: number;
  /** Most calls waiting for a slot at once. */
  max_queue: number;
  /** When the last call here ended (answered or refused), scenario seconds: the jitter study's time to finish. */
  last_call_s: number;
}

export interface DownstreamSummary {
  /** Calls to all services, all layers. */
  calls: number;
  /** calls / jobs: service calls per job (3 layers of 3 attempts: up to 3 + 9 + 27 = 39; the bottom service alone 27). */
  amplification: number;
  wasted: number;
  /** Busy slot-seconds over all slots and the whole run. */
  utilization: number;
  /** Calls (or retries) refused on the caller's side, by the defence that refused them. */
  refused: { retry_budget: number; circuit_open: number; throttled: number };
  services: Record<string, ServiceFigures>;
}


/** What a mode counts while it runs; the summary's figures follow from it and the run's jobs and length. */
export interface DownstreamCounts {
  services: Record<string, { concurrency: number; calls: number; wasted: number; rejected: number; busySeconds: number; maxQueue: number; lastEnd: number }>;
  refused: DownstreamSummary['refused'];
}

export function summarizeDownstream(c: DownstreamCounts, jobs: number, duration: number): DownstreamSummary {
  const services: Record<string, ServiceFigures> = {};
  let calls = 0;
  let wasted = 0;
  let busy = 0;
  let slots = 0;
  for (const [name, s] of Object.entries(c.services)) {
    services[name] = {
      calls: s.calls, amplification: jobs > 0 ? s.calls / jobs : 0, wasted: s.wasted, rejected: s.rejected,
      utilization: duration > 0 ? s.busySeconds / (s.concurrency * duration) : 0, max_queue: s.maxQueue, last_call_s: s.lastEnd,
    };
    calls += s.calls;
    wasted += s.wasted;
    busy += s.busySeconds;
    slots += s.concurrency;
  }
  return {
    calls, amplification: jobs > 0 ? calls / jobs : 0, wasted,
    utilization: duration > 0 && slots > 0 ? busy / (slots * duration) : 0,
    refused: { ...c.refused }, services,
  };
}
