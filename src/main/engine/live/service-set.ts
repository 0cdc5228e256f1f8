// A live run's downstream services: one ServiceServer per scenario service,
// started before the workers (who get their URLs in their spec) and closed
// after them; what they counted goes into the run's summary. A service that
// calls the next layer is connected to that layer's URL once all listen.
import { layerPolicy } from '../../../shared/lifecycle/downstream-calls.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { ServiceServer, type ServiceClock, type ServiceCounts } from './service-server.ts';

export class ServiceSet {
  private constructor(private readonly servers: Map<string, ServiceServer>) {}

  static async start(scenario: Scenario, clock: ServiceClock): Promise<{ set: ServiceSet; urls: Record<string, string> }> {
    const servers = new Map<string, ServiceServer>();
    const urls: Record<string, string> = {};
    try {
      for (const [name, spec] of Object.entries(scenario.services ?? {})) {
        const server = new ServiceServer(name, spec, scenario.seed, clock);
        servers.set(name, server);
        urls[name] = await server.start();
      }
      for (const [name, spec] of Object.entries(scenario.services ?? {})) {
        const c = spec.calls;
        if (c) servers.get(name)!.connect({ service: c.service, url: urls[c.service]!, timeout: c.timeout, policy: layerPolicy(scenario, c.retry) });
      }
    } catch (error) {
      await Promise.all([...servers.values()].map((s) => s.close()));
      throw error;
    }
    return { set: new ServiceSet(servers), urls };
  }

  get size(): number {
    return this.servers.size;
  }

  server(name: string): ServiceServer | undefined {
    return this.servers.get(name);
  }

  /**
   * The scenario as the run's verdict judges it: each service's windows with
   * the capacity drops fired live added, so a drop fired from the chaos bar
   * is a trigger as a scheduled one is (findTrigger takes the earliest).
   */
  judged(scenario: Scenario): Scenario {
    const fired = [...this.servers].filter(([, s]) => s.firedWindows().length > 0);
    if (fired.length === 0) return scenario;
    const services = { ...scenario.services };
    for (const [name, server] of fired) services[name] = { ...services[name]!, windows: [...services[name]!.windows, ...server.firedWindows()] };
    return { ...scenario, services };
  }

  counts(): Record<string, ServiceCounts> {
    return Object.fromEntries([...this.servers].map(([name, s]) => [name, s.counts()]));
  }

  async close(): Promise<void> {
    await Promise.all([...this.servers.values()].map((s) => s.close()));
  }
}
