// What a run's downstream services did, as the summary reports it
// (`downstream` in the --json object, the Stats panel, the report). Both
// modes fill the same shape: instant mode from its simulated services, live
// mode from the host's HTTP service.

export interface ServiceFigures {
  /** Calls that reached the service (queued or served); local refusals are not calls. */
  calls: number;
  /** calls / jobs of the run: how many calls one job caused here. */
  amplification: number;
  /** Calls the service finished after their caller had given up (timed out). */
  wasted: number;
  /** Calls refused at once because the queue was at queueLimit. */
  rejected: number;
  /** Busy slot-seconds / (concurrency x run seconds): windows do not shrink the denominator. */
  utilization: number;
  /** Most calls waiting for a slot at once. */
  max_queue: number;
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

export function emptyServiceFigures(): ServiceFigures {
  return { calls: 0, amplification: 0, wasted: 0, rejected: 0, utilization: 0, max_queue: 0 };
}
