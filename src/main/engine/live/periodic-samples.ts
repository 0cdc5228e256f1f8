// Writes a live run's measures over time to overload_samples: about every
// scenario second (never more often than MIN_WALL_MS of wall time, so a
// fast time scale does not turn samples into a write storm) it takes the
// rows `take` makes for that time and appends them, in order; rows a busy or
// restarting database refused are written with the next ones. The host uses
// it for its services (service-sampler.ts), each worker for its own
// defences (ServiceClient.takeSamples).
import type { OverloadSample } from '../../../shared/tables/index.ts';
import type { LiveStore } from './live-store.ts';
import { isTransient } from './transient-error.ts';

const MIN_WALL_MS = 200;

export class PeriodicSamples {
  private timer: NodeJS.Timeout | undefined;
  private unwritten: OverloadSample[] = [];
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly take: (t: number) => OverloadSample[],
    private readonly store: Pick<LiveStore, 'appendOverloadSamples'>,
    private readonly clock: { now(): number; wallMs(scenarioSeconds: number): number },
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), Math.max(MIN_WALL_MS, this.clock.wallMs(1)));
    this.timer.unref();
  }

  /** Stops after a last sample (the state at the end) and writes what is left. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sample();
  }

  private sample(): Promise<void> {
    const t = this.clock.now();
    // Before scenario time 0 (workers booting, the clock's origin still moving) there is nothing to measure.
    if (t < 0) return this.writing;
    this.unwritten.push(...this.take(t));
    this.writing = this.writing.then(() => this.flush());
    return this.writing;
  }

  private async flush(): Promise<void> {
    if (this.unwritten.length === 0) return;
    const rows = this.unwritten;
    this.unwritten = [];
    try {
      await this.store.appendOverloadSamples(rows);
    } catch (error) {
      if (isTransient(error)) this.unwritten.unshift(...rows);
      else this.log(`could not store the overload samples: ${(error as Error).message}`);
    }
  }
}
