// Live mode's measures of its services over time (overload_samples, source
// 'host'): each service's utilization over the step (the growth of its busy
// slot-seconds over concurrency x step), its calls in service and waiting,
// and its open slots (windows, and drops fired live). The host runs the
// services, so it measures them; each worker measures its own defences.
import { serviceSamples } from '../../../shared/overload/overload-samples.ts';
import { HOST_SOURCE, type OverloadSample } from '../../../shared/tables/index.ts';
import type { ServiceServer } from './service-server.ts';

/** The rows of the services at scenario time t, each call; utilization over the time since the previous call. */
export function serviceSampleTaker(servers: readonly { server: ServiceServer; concurrency: number }[]): (t: number) => OverloadSample[] {
  let last: { t: number; busy: number[] } | null = null;
  return (t) => {
    const busy = servers.map((s) => s.server.busySlotSeconds());
    const before = last;
    last = { t, busy };
    const out: OverloadSample[] = [];
    servers.forEach(({ server, concurrency }, i) => {
      const span = before ? t - before.t : 0;
      const utilization = span > 0 ? (busy[i]! - before!.busy[i]!) / (concurrency * span) : 0;
      const { inFlight, waiting } = server.load();
      serviceSamples(t, HOST_SOURCE, server.name, { utilization, inService: inFlight, queued: waiting, capacity: server.slotsAt(t) }, out);
    });
    return out;
  };
}
