// The supervisor of a live run (Supervisor's numprocs/autorestart, Laravel's
// worker flags): starts the workers, restarts the ones that die (after
// restartDelay, doubling while they keep dying young), recycles the ones
// that exit after max jobs, plays the scheduled worker faults, and shuts
// down gracefully (stop, then a hard kill after a grace period). The chaos
// buttons add and retire worker slots while it runs.
import type { FromWorker, ToWorker } from '../../../shared/live/worker-messages.ts';
import type { Scenario } from '../../../shared/scenario/schema.ts';
import { hashUniform, STREAM } from '../../../shared/random/hash-uniform.ts';
import type { WorkerExit, WorkerHandle, WorkerHost, WorkerSpec } from '../../workers/worker-host.ts';
import type { LiveClock } from './live-clock.ts';

export interface SupervisorEvents {
  workerStarted(name: string, restart: number): void;
  workerExited(name: string, exit: WorkerExit): void;
  message(name: string, message: FromWorker): void;
}

interface Slot {
  name: string;
  handle: WorkerHandle | null;
  restarts: number;
  startedAt: number;
  /** Names of worker processes that were killed: their leases recover as `crashed`. */
  crashes: number;
  hungUntil: number | null;
  /** Orders this slot's processes keep across restarts (a chaos slowdown), by message type. */
  orders: Map<ToWorker['type'], ToWorker>;
  /** Removed by hand: its process finishes its job and exits, and nothing replaces it. */
  retired: boolean;
  /** Its current process said 'ready' (booted, database open, working). */
  ready: boolean;
}

const GRACE_MS = 3000;

export class Supervisor {
  readonly crashed = new Set<string>();
  private readonly slots: Slot[];
  /** Orders every worker keeps, including those started later (a chaos switch), by message type. */
  private readonly orders = new Map<ToWorker['type'], ToWorker>();
  /** Orders that add up rather than replace each other (chaos outages), for every worker, in order. */
  private readonly standing: ToWorker[] = [];
  private started = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(
    private readonly host: WorkerHost,
    private readonly spec: Omit<WorkerSpec, 'name'>,
    private readonly scenario: Scenario,
    private readonly clock: LiveClock,
    private readonly events: SupervisorEvents,
    count = scenario.workers.count,
    /** Slot names are prefix + 1, 2, ...: w1, w2 for the host's own, NAME-1, NAME-2 for workers joined with `queue-lab worker`. */
    private readonly prefix = 'w',
  ) {
    this.slots = Array.from({ length: count }, (_, i) => newSlot(i, prefix));
  }

  get running(): number {
    return this.slots.filter((s) => s.handle !== null).length;
  }

  /** How many worker slots (w1..wN) the run has, retired ones included. */
  get size(): number {
    return this.slots.length;
  }

  /** Slots not retired: those that run a worker or will again after a restart. */
  get active(): number {
    return this.slots.filter((s) => !s.retired).length;
  }

  /** Whether slot `index` was removed by hand. */
  isRetired(index: number): boolean {
    return this.slots[index]?.retired ?? false;
  }

  /** Whether slot `index` has a process now (not between a crash and its restart). */
  isRunning(index: number): boolean {
    return Boolean(this.slots[index]?.handle);
  }

  /** Whether slot `index`'s process has booted and works (a process still starting has not). */
  isReady(index: number): boolean {
    const slot = this.slots[index];
    return Boolean(slot?.handle && slot.ready);
  }

  start(): void {
    this.started = true;
    for (const slot of this.slots) this.launch(slot);
  }

  /** Plans the scenario's worker faults: call once scenario time 0 is set on the clock (after the workers are ready). */
  startFaults(): void {
    this.scheduleFaults();
  }

  /** A new slot w{n+1}, started at once (the chaos "add worker"); returns its index. */
  addWorker(): number {
    const slot = newSlot(this.slots.length, this.prefix);
    this.slots.push(slot);
    if (this.started && !this.stopping) this.launch(slot);
    return this.slots.length - 1;
  }

  /** Graceful removal: the worker finishes its job and exits, and is not restarted. False if already retired. */
  retire(index: number): boolean {
    const slot = this.slots[index];
    if (!slot || slot.retired) return false;
    slot.retired = true;
    slot.handle?.terminate();
    return true;
  }

  /** The hard stop: SIGKILL every worker now; nothing restarts them (stopRun with how: kill). */
  killAll(): void {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    for (const slot of this.slots) {
      if (!slot.handle) continue;
      this.crashed.add(slot.name);
      slot.handle.kill();
    }
  }

  /** Kill -9 a worker mid-job, as the chaos button and the scheduled crash do. */
  kill(index: number): boolean {
    const slot = this.slots[index];
    if (!slot?.handle) return false;
    this.crashed.add(slot.name);
    slot.handle.kill();
    return true;
  }

  hang(index: number, durationSeconds: number | null): boolean {
    const slot = this.slots[index];
    if (!slot?.handle) return false;
    const hung = slot.handle;
    hung.send({ type: 'hang' });
    this.crashed.delete(slot.name);
    // A hung worker keeps its process; the supervisor notices only when told
    // how long: then it kills and replaces it, like a watchdog would. Only
    // that process: a restart in between has nothing to do with the hang.
    if (durationSeconds !== null) {
      this.after(this.clock.wallMs(durationSeconds), () => {
        if (slot.handle === hung) this.kill(index);
      });
    }
    return true;
  }

  /** Every attempt of worker `index` takes `factor` times longer (1: normal again), across its restarts. */
  slow(index: number, factor: number): boolean {
    const slot = this.slots[index];
    if (!slot) return false;
    slot.orders.set('slow', { type: 'slow', factor });
    slot.handle?.send({ type: 'slow', factor });
    return true;
  }

  /** Tells every worker, and every worker started later (the chaos unsafe-claim switch). */
  order(message: ToWorker): void {
    this.orders.set(message.type, message);
    this.broadcast(message);
  }

  /** Like order, but it adds to the earlier ones of its type instead of replacing them (a chaos outage). */
  orderToo(message: ToWorker): void {
    this.standing.push(message);
    this.broadcast(message);
  }

  broadcast(message: Parameters<WorkerHandle['send']>[0]): void {
    for (const slot of this.slots) slot.handle?.send(message);
  }

  /** Graceful: every worker finishes its jobs in hand and exits; one still running after graceMs is killed. */
  async stop(graceMs = GRACE_MS): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    const live = this.slots.filter((s) => s.handle);
    await Promise.all(
      live.map(
        (slot) =>
          new Promise<void>((resolve) => {
            const handle = slot.handle!;
            const hard = setTimeout(() => handle.kill(), graceMs);
            handle.onExit(() => {
              clearTimeout(hard);
              resolve();
            });
            handle.terminate();
          }),
      ),
    );
  }

  private launch(slot: Slot): void {
    if (slot.retired) return;
    // A restart is told the run's time 0 at birth; the first workers hear it in a clock order once they are all ready.
    const handle = this.host.start({ ...this.spec, originMs: this.clock.originMs, name: slot.name });
    slot.handle = handle;
    slot.ready = false;
    slot.startedAt = Date.now();
    this.events.workerStarted(slot.name, slot.restarts);
    let recycling = false;
    handle.onMessage((m) => {
      this.events.message(slot.name, m);
      // Laravel's --memory: past the limit a worker finishes its job and exits
      // cleanly; the exit handler below starts a fresh one.
      const maxMb = this.scenario.workers.maxMemory;
      if (m.type === 'stats' && maxMb !== undefined && m.rssBytes > maxMb * 1024 * 1024 && !recycling) {
        recycling = true;
        handle.terminate();
      }
      // A new process hears the standing orders once it listens. Global ones
      // go to everyone again: the runner may just have broadcast the
      // scenario's own setting on this 'ready', and the later order wins.
      if (m.type !== 'ready') return;
      slot.ready = true;
      for (const order of this.orders.values()) this.broadcast(order);
      for (const order of slot.orders.values()) handle.send(order);
      // A worker that was starting when an outage was ordered may have missed
      // it; a window heard twice is the same window.
      for (const order of this.standing) handle.send(order);
    });
    handle.onExit((exit) => {
      slot.handle = null;
      slot.ready = false;
      this.events.workerExited(slot.name, exit);
      if (this.stopping || slot.retired) return;
      if (exit.reason !== 'exited') slot.crashes++;
      const recycled = exit.reason === 'exited';
      if (!recycled && this.scenario.workers.restart === 'never') return;
      // Back off while a worker keeps dying young (a crash loop), up to 30 s.
      const young = Date.now() - slot.startedAt < this.clock.wallMs(10);
      const delay = this.clock.wallMs(this.scenario.workers.restartDelay) * (young ? Math.min(2 ** slot.crashes, 30) : 1);
      slot.restarts++;
      this.after(recycled ? 0 : delay, () => this.launch(slot));
    });
  }

  private scheduleFaults(): void {
    this.scenario.faults.forEach((f) => {
      if (f.kind === 'workerCrash' && f.at !== undefined) this.at(f.at, () => this.kill((f.worker ?? 1) - 1));
      if (f.kind === 'workerCrash' && f.rate !== undefined) {
        const targets = f.worker !== undefined ? [f.worker - 1] : this.slots.map((_, i) => i);
        for (const w of targets) this.randomCrashes(w, f.rate, 0, 0);
      }
      if (f.kind === 'workerHang') this.at(f.at, () => this.hang(f.worker - 1, f.duration ?? null));
      if (f.kind === 'slowWorker') {
        this.at(f.from, () => this.slots[f.worker - 1]?.handle?.send({ type: 'slow', factor: f.factor }));
        this.at(f.to, () => this.slots[f.worker - 1]?.handle?.send({ type: 'slow', factor: 1 }));
      }
    });
  }

  private randomCrashes(worker: number, rate: number, k: number, from: number): void {
    const t = from - Math.log(1 - hashUniform(this.scenario.seed, STREAM.crash, worker, k)) / rate;
    this.at(t, () => {
      this.kill(worker);
      this.randomCrashes(worker, rate, k + 1, t);
    });
  }

  private at(t: number, fn: () => void): void {
    this.after(this.clock.msUntil(t), fn);
  }

  private after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopping) fn();
    }, ms);
    this.timers.add(timer);
  }
}

function newSlot(index: number, prefix: string): Slot {
  return { name: `${prefix}${index + 1}`, handle: null, restarts: 0, startedAt: 0, crashes: 0, hungUntil: null, orders: new Map(), retired: false, ready: false };
}
