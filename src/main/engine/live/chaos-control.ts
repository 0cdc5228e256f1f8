// The chaos buttons of a live run: faults fired by hand while it runs (the
// web host's POST /chaos, the LabApi's `chaos`), on top of the Supervisor,
// as the scenario's scheduled faults are. Each one writes a fault_started
// event (fault_ended when it switches a fault off), so the log says why w2
// crashed or why claims stalled. Workers are numbered from 1 (w1 is 1);
// seconds are scenario seconds, holdMs wall milliseconds, as in a scenario.
//
// An outage reaches the workers as a message: each worker draws its attempts'
// outcomes itself from the scenario's faults (attempt-policy.ts), and the
// message adds one more outage window to them. A poison job is an ordinary
// enqueue whose payload marks it (poison-pill.ts).
import { POISON_PILL_PAYLOAD } from '../../../shared/live/poison-pill.ts';
import { LockContention } from './lock-contention.ts';
import { lockContentionRefusal } from './live-store.ts';
import type { LiveRunControl } from './run-live.ts';

/** ok: false when nothing was done (the worker is between a crash and its restart, ...); detail says why. */
export interface ChaosResult {
  ok: boolean;
  detail: string;
}

/** How often a chaos lock-contention window looks whether to take the lock again (the run loop's tick). */
const LOCK_TICK_MS = 10;

export class LiveChaos {
  /** The run's status as last read (the store may answer later than a button expects). */
  private status: string | undefined = 'running';
  private contention: { to: number; timer: NodeJS.Timeout } | null = null;
  /** The ends of outages and capacity drops fired by hand, so their fault_ended events are written on time. */
  private readonly outageTimers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly control: LiveRunControl) {}

  /** Reads the run's status again; isRunning() answers from the last read. */
  private refreshStatus(): void {
    try {
      const run = this.control.store.getRun(this.control.runId);
      if (run instanceof Promise) run.then((r) => (this.status = r?.status), () => {});
      else this.status = run?.status;
    } catch {
      // a closed store: the run is over
      this.status = undefined;
    }
  }

  /** Worker slots w1..wN. */
  get workers(): number {
    return this.control.supervisor.size;
  }

  /** False once the run has ended (or close() was called): its workers are gone. */
  isRunning(): boolean {
    if (this.closed) return false;
    this.refreshStatus();
    return this.status === 'running';
  }

  /** SIGKILL mid-job; the supervisor restarts it, the job comes back when its lease expires (`crashed`). */
  killWorker(worker: number): ChaosResult {
    const index = this.index(worker);
    if (!this.control.supervisor.isRunning(index)) return down(worker, 'killed');
    this.event('fault_started', `kill w${worker} (chaos)`, worker);
    this.control.supervisor.kill(index);
    return { ok: true, detail: `w${worker} killed (SIGKILL); the supervisor restarts it, and its job returns when the lease expires` };
  }

  /** Stops heartbeating and finishing; after `seconds` (when given) the supervisor kills and replaces it. */
  hangWorker(worker: number, seconds: number | null): ChaosResult {
    const index = this.index(worker);
    if (!this.control.supervisor.isRunning(index)) return down(worker, 'hung');
    const how = seconds === null ? '' : ` for ${seconds} s`;
    this.event('fault_started', `hang w${worker}${how} (chaos)`, worker);
    this.control.supervisor.hang(index, seconds);
    const then = seconds === null ? 'it stays hung until the run ends' : `after ${seconds} s the supervisor kills and replaces it`;
    return { ok: true, detail: `w${worker} hung: no more heartbeats, its job returns when the lease expires; ${then}` };
  }

  /** Every attempt of this worker takes `factor` times longer; 1 is normal speed again. Kept across its restarts. */
  slowWorker(worker: number, factor: number): ChaosResult {
    const index = this.index(worker);
    const normal = factor === 1;
    this.event(normal ? 'fault_ended' : 'fault_started', `slow w${worker} x${factor} (chaos)`, worker);
    this.control.supervisor.slow(index, factor);
    const later = this.control.supervisor.isRunning(index) ? '' : ' (from its restart: it is not running right now)';
    return { ok: true, detail: normal ? `w${worker} back to normal speed${later}` : `w${worker} ${factor}x slower${later}` };
  }

  /** The teaching switch, for every worker and every worker started later. */
  setUnsafeClaim(on: boolean): ChaosResult {
    this.event(on ? 'fault_started' : 'fault_ended', `unsafeClaim ${on ? 'on' : 'off'} (chaos)`, null);
    this.control.supervisor.order({ type: 'unsafeClaim', on });
    return {
      ok: true,
      detail: on ? 'unsafe claim on: workers read, then update in a separate transaction (two can take one job)' : 'unsafe claim off: claims are one BEGIN IMMEDIATE transaction again',
    };
  }

  /**
   * For `seconds` from now, this process holds SQLite's write lock for
   * holdMs, every other holdMs, as the scenario's lockContention does. The
   * hold is a busy wait on the run's own connection, so this process (the
   * run loop, and a web host in it) pauses meanwhile, as it does for a
   * scheduled window. One window at a time.
   */
  lockContention(holdMs: number, seconds: number): ChaosResult {
    const { clock, store } = this.control;
    if (!store.holdWriteLock) return { ok: false, detail: lockContentionRefusal(store) };
    if (this.contention) return { ok: false, detail: `lock contention is already on until t=${this.contention.to.toFixed(1)}` };
    const from = this.now();
    const to = from + seconds;
    const lock = new LockContention(store.holdWriteLock, []);
    lock.open(from, to, holdMs);
    this.event('fault_started', `lockContention ${holdMs} ms holds for ${seconds} s (chaos)`, null);
    const timer = setInterval(() => {
      const now = clock.now();
      if (now >= to || !this.isRunning()) return this.endContention();
      try {
        lock.tick(now);
      } catch (error) {
        // A worker held the lock beyond busy_timeout: this hold is skipped, the next one tries again.
        if (String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return;
        process.stderr.write(`queue-lab: chaos lock contention stopped: ${(error as Error).message}\n`);
        this.endContention();
      }
    }, LOCK_TICK_MS);
    timer.unref();
    this.contention = { to, timer };
    return { ok: true, detail: `this process holds the write lock ${holdMs} ms at a time, every other ${holdMs} ms, until t=${to.toFixed(1)}` };
  }

  /** One more worker slot, started now; the supervisor looks after it as after the others. */
  addWorker(): ChaosResult {
    const index = this.control.supervisor.addWorker();
    this.event('fault_started', `add worker w${index + 1} (chaos)`, index + 1);
    return { ok: true, detail: `w${index + 1} added: ${this.control.supervisor.active} workers now` };
  }

  /** Graceful: the worker (null: the highest-numbered one still active) finishes its job, exits, and is not replaced. */
  removeWorker(worker: number | null): ChaosResult {
    const { supervisor } = this.control;
    const index = worker === null ? lastActive(supervisor) : this.index(worker);
    if (index < 0 || supervisor.isRetired(index)) return { ok: false, detail: `${worker === null ? 'no worker' : `w${worker}`} to remove: already removed` };
    if (supervisor.active <= 1) return { ok: false, detail: 'the last worker stays: stop the run instead of removing it' };
    this.event('fault_started', `remove w${index + 1} (chaos): it finishes its job and is not replaced`, index + 1);
    supervisor.retire(index);
    return { ok: true, detail: `w${index + 1} removed: it finishes its current job and exits; ${supervisor.active} workers left` };
  }

  /** Every attempt of `jobType` that starts in the next `seconds` fails, as a scheduled outage window does. */
  outage(jobType: string, seconds: number): ChaosResult {
    if (!(jobType in this.control.scenario.jobTypes)) throw new RangeError(`type: this run has job types ${Object.keys(this.control.scenario.jobTypes).join(', ')}`);
    const from = this.now();
    const to = from + seconds;
    const error = `downstream unavailable (503): outage of ${jobType} (chaos)`;
    this.event('fault_started', `outage ${jobType} for ${seconds} s (chaos)`, null);
    this.control.supervisor.orderToo({ type: 'outage', jobType, from, to, error });
    this.endLater(to, `outage ${jobType} (chaos)`);
    return { ok: true, detail: `${jobType} fails every attempt that starts before t=${to.toFixed(1)}` };
  }

  /**
   * Service `service` keeps `capacity` of its slots for `seconds` from now,
   * a window laid over the scenario's (0: an outage): calls beyond the slots
   * wait, time out and retry. Written as fault_started/fault_ended with one
   * label, so the charts draw it as a band; the verdict judges it as a trigger.
   */
  dropCapacity(service: string, capacity: number, seconds: number): ChaosResult {
    const server = this.control.services.server(service);
    if (!server) throw new RangeError(`service: this run has services ${Object.keys(this.control.scenario.services ?? {}).join(', ') || '(none)'}`);
    const from = this.now();
    const to = from + seconds;
    const { concurrency } = this.control.scenario.services![service]!;
    server.dropCapacity(capacity, from, to);
    const slots = server.slotsAt(from);
    const label = `${slots === 0 ? 'outage' : 'capacity'} service ${service}: ${slots} of ${concurrency} slots for ${seconds} s (chaos)`;
    this.event('fault_started', label, null);
    this.endLater(to, label);
    return { ok: true, detail: `${service} runs with ${slots} of ${concurrency} slots until t=${to.toFixed(1)}` };
  }

  /** Enqueues one job of `jobType` (null: the first producer's) that fails every attempt and ends dead. */
  async poison(jobType: string | null): Promise<ChaosResult> {
    const { scenario, store } = this.control;
    const type = jobType ?? scenario.producers[0]?.jobType ?? Object.keys(scenario.jobTypes)[0];
    const spec = type === undefined ? undefined : scenario.jobTypes[type];
    if (type === undefined || !spec) throw new RangeError(`type: this run has job types ${Object.keys(scenario.jobTypes).join(', ')}`);
    const queueName = scenario.producers.find((p) => p.jobType === type)?.queue ?? scenario.queues[0]!.name;
    const queue = scenario.queues.find((q) => q.name === queueName) ?? scenario.queues[0]!;
    const job = await store.enqueue({
      queue: queue.name,
      type,
      payload: POISON_PILL_PAYLOAD,
      priority: queue.priority,
      maxAttempts: spec.retry?.maxAttempts ?? scenario.retry.maxAttempts,
      now: this.now(),
    });
    this.event('fault_started', `poison job #${job.seq} (${type}) (chaos)`, null);
    return { ok: true, detail: `poison job #${job.seq} (${type}) enqueued on ${queue.name}: every attempt fails, then it is dead` };
  }

  /** Stops a lock-contention window; later calls find the run not running. Call when the run has ended. */
  close(): void {
    for (const timer of this.outageTimers) clearTimeout(timer);
    this.outageTimers.clear();
    if (this.contention) clearInterval(this.contention.timer);
    this.contention = null;
    this.closed = true;
  }

  /** Writes the fault_ended of a window fired by hand at its end, scenario time `to`, if the run still runs then. */
  private endLater(to: number, label: string): void {
    const timer = setTimeout(() => {
      this.outageTimers.delete(timer);
      // At the window's end, not when the timer got round to it on a busy host.
      if (this.isRunning()) this.event('fault_ended', label, null, to);
    }, this.control.clock.msUntil(to));
    timer.unref();
    this.outageTimers.add(timer);
  }

  private endContention(): void {
    if (!this.contention) return;
    clearInterval(this.contention.timer);
    this.contention = null;
    if (!this.closed) this.event('fault_ended', 'lockContention (chaos)', null);
  }

  private index(worker: number): number {
    if (!Number.isInteger(worker) || worker < 1 || worker > this.workers) {
      throw new RangeError(`worker: this run has workers 1..${this.workers}, got ${worker}`);
    }
    return worker - 1;
  }

  /**
   * The scenario time a chaos action takes effect: now, or time 0 for a
   * button pressed while the workers are still starting (the clock reads
   * negative then, and a poison job due at a negative time was claimed by a
   * worker whose clock had not been set yet, its lease already expired).
   */
  private now(): number {
    return Math.max(0, this.control.clock.now());
  }

  /** Writes the fault's event; one the store cannot take (it is closed or away) is logged, not thrown at the button. */
  private event(kind: 'fault_started' | 'fault_ended', detail: string, worker: number | null, t = this.now()): void {
    const failed = (error: unknown): void => {
      process.stderr.write(`queue-lab: chaos: could not record "${detail}": ${(error as Error).message}\n`);
    };
    try {
      const written = this.control.store.appendRunEvent({ t, kind, worker: worker === null ? null : `w${worker}`, detail });
      if (written instanceof Promise) written.catch(failed);
    } catch (error) {
      failed(error);
    }
  }
}

function lastActive(supervisor: LiveRunControl['supervisor']): number {
  for (let i = supervisor.size - 1; i >= 0; i--) if (!supervisor.isRetired(i)) return i;
  return -1;
}

function down(worker: number, what: string): ChaosResult {
  return { ok: false, detail: `w${worker} is not running right now (between a crash and its restart); nothing was ${what}` };
}

export function createChaosControl(control: LiveRunControl): LiveChaos {
  return new LiveChaos(control);
}
